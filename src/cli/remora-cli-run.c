/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-cli"

#include "config.h"

#include "remora-cli-private.h"

#include "remora-cli-capture.h"
#include "remora-follow.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Output leaves in blocks this large unless packets must show as they come. */
#define OUTPUT_BLOCK (1u << 20)

void
remora_cli_flush (RemoraCli *cli)
{
  if (cli->out->len > 0)
    {
      fwrite (cli->out->str, 1, cli->out->len, stdout);
      g_string_truncate (cli->out, 0);
    }
  fflush (stdout);
}

static int
apply_prefs (RemoraCliOptions *options)
{
  for (guint i = 0; i < options->prefs->len; i++)
    {
      const char *arg = g_ptr_array_index (options->prefs, i);
      const char *colon = strchr (arg, ':');
      g_autofree char *name = NULL;
      g_autoptr(GError) error = NULL;

      if (colon == NULL || colon == arg)
        {
          fprintf (stderr, "remora-cli: Invalid -o flag \"%s\"\n", arg);
          return REMORA_CLI_EXIT_INVALID_OPTION;
        }
      name = g_strndup (arg, colon - arg);
      if (!remora_pref_set (name, colon + 1, &error))
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
            fprintf (stderr, "remora-cli: -o flag \"%s\" specifies unknown preference\n", arg);
          else
            fprintf (stderr, "remora-cli: Invalid -o flag \"%s\": %s\n", arg, error->message);
          return REMORA_CLI_EXIT_INVALID_OPTION;
        }
    }
  return 0;
}

/* tshark's wording for the usual reasons a file cannot be opened; the
 * reader reports everything else. */
static gboolean
check_input_path (const char *path)
{
  GStatBuf st;

  if (strcmp (path, "-") == 0)
    return TRUE;
  if (g_stat (path, &st) != 0)
    {
      if (errno == ENOENT || errno == ENOTDIR)
        fprintf (stderr, "remora-cli: The file \"%s\" doesn't exist.\n", path);
      else if (errno == EACCES)
        fprintf (stderr, "remora-cli: You don't have permission to read the file \"%s\".\n", path);
      else
        fprintf (stderr, "remora-cli: The file \"%s\" could not be opened: %s.\n", path, g_strerror (errno));
      return FALSE;
    }
  if (S_ISDIR (st.st_mode))
    {
      fprintf (stderr, "remora-cli: \"%s\" is a directory (folder), not a file.\n", path);
      return FALSE;
    }
  if (g_access (path, R_OK) != 0 && errno == EACCES)
    {
      fprintf (stderr, "remora-cli: You don't have permission to read the file \"%s\".\n", path);
      return FALSE;
    }
  return TRUE;
}

/* Decimals of the time stamps, from the interface's resolution, as
 * Wireshark's "automatic" precision shows them. */
static int
time_digits_for (const RemoraInterface *iface)
{
  guint64 units = iface ? iface->ts_units : 1000000;

  if (units >= 1000000000)
    return 9;
  if (units >= 1000000)
    return 6;
  if (units >= 1000)
    return 3;
  if (units >= 100)
    return 2;
  if (units >= 10)
    return 1;
  return 0;
}

static gboolean
same_file (int fd1,
           int fd2)
{
  struct stat a, b;

  return fstat (fd1, &a) == 0 && fstat (fd2, &b) == 0 &&
         a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

typedef struct {
  RemoraCaptureWriter *writer;
  GArray              *iface_map;   /* input interface id -> output id + 1 (0 = not added) */
} Output;

static gboolean
write_packet (Output                   *output,
              RemoraCaptureReader      *reader,
              const RemoraPacketRecord *record,
              GError                  **error)
{
  RemoraPacketRecord copy = *record;
  int *mapped;

  if (record->iface_id >= output->iface_map->len)
    g_array_set_size (output->iface_map, record->iface_id + 1);
  mapped = &g_array_index (output->iface_map, int, record->iface_id);
  if (*mapped == 0)
    {
      const RemoraInterface *iface = remora_capture_reader_get_interface (reader, record->iface_id);
      int id = remora_capture_writer_add_interface (output->writer, iface, error);

      if (id < 0)
        return FALSE;
      *mapped = id + 1;
    }
  copy.iface_id = (guint32) (*mapped - 1);
  return remora_capture_writer_write (output->writer, &copy, error);
}

int
remora_cli_run (RemoraCliOptions *options)
{
  RemoraCli cli = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(RemoraCaptureReader) reader = NULL;
  g_autoptr(RemoraSession) session = NULL;
  g_autoptr(RemoraPacket) pkt = NULL;
  Output output = { NULL, NULL };
  RemoraCliCapture *capture = NULL;
  gboolean at_eof = FALSE;
  RemoraFrameInput input = { 0 };
  RemoraPacketRecord record;
  gboolean print_info, print_summary, need_tree, need_columns;
  g_autoptr(RemoraFollow) follow = NULL;
  struct stat st;
  guint32 number = 0;
  int status = REMORA_CLI_EXIT_OK;
  int rc;

  cli.options = options;
  if (options->list_interfaces)
    return remora_cli_capture_list ();
  /* Saving a live capture: the helper writes the file itself. */
  if (options->read_file == NULL && options->write_file != NULL)
    return remora_cli_capture_run_to_file (options);
  remora_dissectors_init ();

  rc = apply_prefs (options);
  if (rc != 0)
    return rc;

  cli.n_fields = remora_field_count ();
  cli.wanted = g_new0 (guint8, cli.n_fields + 1);

  if (options->output == REMORA_CLI_OUTPUT_FIELDS)
    {
      cli.fields = remora_cli_fields_new (&cli, &error);
      if (cli.fields == NULL)
        {
          fprintf (stderr, "remora-cli: %s\n", error->message);
          g_free (cli.wanted);
          return REMORA_CLI_EXIT_INVALID_OPTION;
        }
    }

  if (options->display_filter != NULL && options->display_filter[0] != '\0')
    {
      cli.filter = remora_cli_filter_new (options->display_filter, &error);
      if (cli.filter == NULL)
        {
          fprintf (stderr, "remora-cli: %s\n", error->message);
          remora_cli_fields_free (cli.fields);
          g_free (cli.wanted);
          return REMORA_CLI_EXIT_INVALID_FILTER;
        }
      remora_cli_filter_add_wanted (cli.filter, cli.wanted);
    }

  /* What tshark prints: the summary unless writing a file or told to be
   * quiet; -V, -x and -T always print. */
  print_info = (options->write_file == NULL && !options->quiet) ||
               options->verbose || options->hex || options->output_set;
  print_summary = print_info && options->output == REMORA_CLI_OUTPUT_TEXT &&
                  !options->verbose && !options->hex;
  need_tree = print_info && (options->output == REMORA_CLI_OUTPUT_JSON ||
                             (options->output == REMORA_CLI_OUTPUT_TEXT && options->verbose));
  need_columns = print_summary || (cli.fields != NULL && remora_cli_fields_need_columns (cli.fields));

  if (print_info && options->write_file != NULL && strcmp (options->write_file, "-") == 0)
    {
      fprintf (stderr, "remora-cli: You can't write both raw packet data and dissected packets "
               "to the standard output.\n");
      status = REMORA_CLI_EXIT_INVALID_OPTION;
      goto out;
    }

  if (options->read_file == NULL)
    {
      capture = remora_cli_capture_start (options, &status);
      if (capture == NULL)
        goto out;
      reader = remora_cli_capture_open_reader (capture, &error);
      if (reader == NULL)
        {
          /* Usually the helper could not start and says why; anything
           * else is the stream's fault. */
          status = remora_cli_capture_finish (g_steal_pointer (&capture), 0, REMORA_CLI_EXIT_OK);
          if (status == REMORA_CLI_EXIT_OK)
            {
              fprintf (stderr, "remora-cli: %s\n", error->message);
              status = REMORA_CLI_EXIT_INVALID_FILE;
            }
          goto out;
        }
    }
  else if (!check_input_path (options->read_file))
    {
      status = REMORA_CLI_EXIT_INVALID_FILE;
      goto out;
    }
  else
    reader = remora_capture_reader_open (options->read_file, &error);
  if (reader == NULL)
    {
      fprintf (stderr, "remora-cli: %s\n", error->message);
      status = REMORA_CLI_EXIT_INVALID_FILE;
      goto out;
    }
  /* one pass: a mapped file need not stay resident behind us */
  remora_capture_reader_set_release_behind (reader, TRUE);

  if (options->write_file != NULL)
    {
      output.writer = remora_capture_writer_new (options->write_file, options->write_format, &error);
      if (output.writer == NULL)
        {
          fprintf (stderr, "remora-cli: %s\n", error->message);
          status = REMORA_CLI_EXIT_INVALID_FILE;
          goto out;
        }
      output.iface_map = g_array_new (FALSE, TRUE, sizeof (int));
    }

  /* A pipe in, a pipe or terminal out: somebody is watching packets
   * arrive, so each one leaves as soon as it is printed. */
  cli.flush_each = remora_capture_reader_get_mapped_file (reader) == NULL &&
                   !(fstat (STDOUT_FILENO, &st) == 0 && S_ISREG (st.st_mode));
  cli.out = g_string_sized_new (OUTPUT_BLOCK + 65536);
  cli.scratch = g_string_sized_new (256);

  if (options->follow)
    {
      follow = remora_follow_tcp_new (options->follow_stream);
      remora_follow_want_fields (cli.wanted);
    }

  session = remora_session_new ();
  /* one pass, as tshark without -2: no per-frame state is kept */
  remora_session_set_will_revisit (session, FALSE);
  pkt = remora_packet_new ();
  remora_packet_set_tree_mode (pkt, need_tree);
  if (!need_tree)
    remora_packet_set_wanted (pkt, cli.wanted);
  remora_packet_set_want_columns (pkt, need_columns);

  if (print_info && cli.fields != NULL && options->header)
    remora_cli_fields_print_header (&cli);
  if (print_info && options->output == REMORA_CLI_OUTPUT_JSON)
    remora_cli_json_begin (&cli);

  for (;;)
    {
      RemoraReadStatus st_read = remora_capture_reader_next (reader, &record, &error);
      const RemoraInterface *iface;

      if (st_read == REMORA_READ_EOF)
        {
          at_eof = TRUE;
          break;
        }
      if (st_read == REMORA_READ_ERROR)
        {
          if (print_info && options->output == REMORA_CLI_OUTPUT_JSON)
            remora_cli_json_end (&cli);
          remora_cli_flush (&cli);
          /* Keep the message apart from the packets when both go to the
           * same place. */
          if (print_info && same_file (STDOUT_FILENO, STDERR_FILENO))
            fputc ('\n', stderr);
          fprintf (stderr, "remora-cli: %s\n", error->message);
          status = REMORA_CLI_EXIT_INVALID_FILE;
          goto close_output;
        }

      iface = remora_capture_reader_get_interface (reader, record.iface_id);
      input.number = ++number;
      input.data = record.data;
      input.cap_len = record.cap_len;
      input.orig_len = record.orig_len;
      input.ts_ns = record.ts_ns;
      input.iface_id = record.iface_id;
      input.link_type = iface ? iface->link_type : -1;
      input.iface_name = iface ? iface->name : NULL;
      input.iface_description = iface ? iface->description : NULL;
      input.pack_flags = record.flags;
      cli.time_digits = time_digits_for (iface);

      remora_session_dissect (session, pkt, &input);
      if (follow != NULL)
        remora_follow_add_packet (follow, pkt);

      if (cli.filter == NULL || remora_cli_filter_match (cli.filter, pkt))
        {
          remora_session_mark_displayed (session, pkt);
          if (print_info)
            {
              if (print_summary)
                remora_cli_print_summary (&cli, pkt);
              else if (cli.fields != NULL)
                remora_cli_fields_print (&cli, pkt);
              else if (options->output == REMORA_CLI_OUTPUT_JSON)
                remora_cli_json_print (&cli, pkt);
              else
                {
                  if (options->verbose)
                    {
                      remora_cli_print_tree (&cli, pkt);
                      if (options->hex)
                        g_string_append_c (cli.out, '\n');
                    }
                  if (options->hex)
                    remora_cli_print_hex (&cli, pkt);
                  g_string_append_c (cli.out, '\n');
                }
            }
          if (output.writer != NULL && !write_packet (&output, reader, &record, &error))
            {
              remora_cli_flush (&cli);
              fprintf (stderr, "remora-cli: %s\n", error->message);
              status = REMORA_CLI_EXIT_INVALID_FILE;
              goto close_output;
            }
        }

      if (cli.flush_each || cli.out->len >= OUTPUT_BLOCK)
        remora_cli_flush (&cli);
      if (options->max_packets != 0 && number >= options->max_packets)
        break;
    }

  if (print_info && options->output == REMORA_CLI_OUTPUT_JSON)
    remora_cli_json_end (&cli);
  /* statistics come after the packets, as tshark prints them */
  if (follow != NULL)
    remora_follow_format (follow, options->follow_hex ? REMORA_FOLLOW_HEX : REMORA_FOLLOW_ASCII, cli.out);

close_output:
  remora_cli_flush (&cli);
  if (output.writer != NULL)
    {
      g_autoptr(GError) close_error = NULL;

      /* Like tshark, the packets read before damage are still saved. */
      if (!remora_capture_writer_close (output.writer, &close_error))
        {
          fprintf (stderr, "remora-cli: %s\n", close_error->message);
          status = REMORA_CLI_EXIT_INVALID_FILE;
        }
      output.writer = NULL;
    }

out:
  if (capture != NULL)
    {
      /* Closing our end first lets a helper blocked on a full pipe go. */
      g_clear_pointer (&reader, remora_capture_reader_free);
      if (!at_eof)
        remora_cli_capture_stop (capture);
      status = remora_cli_capture_finish (capture, number, status);
    }
  if (output.writer != NULL)
    remora_capture_writer_abort (output.writer);
  if (output.iface_map != NULL)
    g_array_unref (output.iface_map);
  if (cli.out != NULL)
    g_string_free (cli.out, TRUE);
  if (cli.scratch != NULL)
    g_string_free (cli.scratch, TRUE);
  remora_cli_fields_free (cli.fields);
  remora_cli_filter_free (cli.filter);
  g_free (cli.wanted);
  return status;
}
