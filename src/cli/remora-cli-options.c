/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-cli"

#include "config.h"

#include "remora-cli-options.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static void
print_e_help (void)
{
  fputs ("remora-cli: The available options for field output \"E\" are:\n"
         "header=y|n    Print field abbreviations as first line of output (def: N: no)\n"
         "separator=/t|/s|<character>   Set the separator to use;\n"
         "     \"/t\" = tab, \"/s\" = space (def: /t: tab)\n"
         "occurrence=f|l|a  Select the occurrence of a field to use;\n"
         "     \"f\" = first, \"l\" = last, \"a\" = all (def: a: all)\n"
         "aggregator=,|/s|<character>   Set the aggregator to use;\n"
         "     \",\" = comma, \"/s\" = space (def: ,: comma)\n"
         "quote=d|s|n   Print either d: double-quotes, s: single quotes or \n"
         "     n: no quotes around field values (def: n: none)\n",
         stderr);
}

/* "/t", "/s" or a single character; tshark takes the first character of
 * anything longer. */
static gboolean
parse_separator (const char *value,
                 char       *out)
{
  if (value[0] == '\0')
    return FALSE;
  if (value[0] == '/' && value[1] == 't' && value[2] == '\0')
    *out = '\t';
  else if (value[0] == '/' && value[1] == 's' && value[2] == '\0')
    *out = ' ';
  else
    *out = value[0];
  return TRUE;
}

static gboolean
parse_e_option (RemoraCliOptions *options,
                const char       *arg)
{
  const char *eq = strchr (arg, '=');
  g_autofree char *name = NULL;
  const char *value;
  gboolean ok = FALSE;

  if (eq == NULL)
    {
      fprintf (stderr, "remora-cli: \"%s\" is not a valid field output option=value pair.\n", arg);
      print_e_help ();
      return FALSE;
    }
  name = g_strndup (arg, eq - arg);
  value = eq + 1;

  if (strcmp (name, "header") == 0 || strcmp (name, "bom") == 0)
    {
      gboolean yes = (value[0] == 'y' || value[0] == 'Y') && value[1] == '\0';
      gboolean no = (value[0] == 'n' || value[0] == 'N') && value[1] == '\0';

      ok = yes || no;
      /* A byte-order mark has no use on Linux: accepted and ignored. */
      if (ok && strcmp (name, "header") == 0)
        options->header = yes;
    }
  else if (strcmp (name, "separator") == 0)
    ok = parse_separator (value, &options->separator);
  else if (strcmp (name, "aggregator") == 0)
    ok = parse_separator (value, &options->aggregator);
  else if (strcmp (name, "occurrence") == 0)
    {
      ok = (value[0] == 'f' || value[0] == 'l' || value[0] == 'a') && value[1] == '\0';
      if (ok)
        options->occurrence = value[0];
    }
  else if (strcmp (name, "quote") == 0)
    {
      ok = value[1] == '\0';
      switch (value[0])
        {
        case 'd': options->quote = '"'; break;
        case 's': options->quote = '\''; break;
        case 'n': options->quote = '\0'; break;
        default: ok = FALSE; break;
        }
    }

  if (!ok)
    {
      fprintf (stderr, "remora-cli: \"%s\" is not a valid field output option=value pair.\n", name);
      print_e_help ();
    }
  return ok;
}

static gboolean
parse_time_format (const char          *arg,
                   RemoraCliTimeFormat *out)
{
  static const struct { const char *name; RemoraCliTimeFormat format; } formats[] = {
    { "r", REMORA_CLI_TIME_RELATIVE },
    { "a", REMORA_CLI_TIME_ABSOLUTE },
    { "ad", REMORA_CLI_TIME_ABSOLUTE_YMD },
    { "adoy", REMORA_CLI_TIME_ABSOLUTE_YDOY },
    { "d", REMORA_CLI_TIME_DELTA },
    { "dd", REMORA_CLI_TIME_DELTA_DISPLAYED },
    { "e", REMORA_CLI_TIME_EPOCH },
    { "u", REMORA_CLI_TIME_UTC },
    { "ud", REMORA_CLI_TIME_UTC_YMD },
    { "udoy", REMORA_CLI_TIME_UTC_YDOY },
  };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (strcmp (arg, formats[i].name) == 0)
      {
        *out = formats[i].format;
        return TRUE;
      }

  fprintf (stderr,
           "remora-cli: Invalid time stamp type \"%s\"; it must be one of:\n"
           "\t\"a\"    for absolute\n"
           "\t\"ad\"   for absolute with YYYY-MM-DD date\n"
           "\t\"adoy\" for absolute with YYYY/DOY date\n"
           "\t\"d\"    for delta\n"
           "\t\"dd\"   for delta displayed\n"
           "\t\"e\"    for epoch\n"
           "\t\"r\"    for relative\n"
           "\t\"u\"    for absolute UTC\n"
           "\t\"ud\"   for absolute UTC with YYYY-MM-DD date\n"
           "\t\"udoy\" for absolute UTC with YYYY/DOY date\n",
           arg);
  return FALSE;
}

static gboolean
parse_output (const char      *arg,
              RemoraCliOutput *out)
{
  if (strcmp (arg, "text") == 0)
    *out = REMORA_CLI_OUTPUT_TEXT;
  else if (strcmp (arg, "fields") == 0)
    *out = REMORA_CLI_OUTPUT_FIELDS;
  else if (strcmp (arg, "json") == 0)
    *out = REMORA_CLI_OUTPUT_JSON;
  else
    {
      fprintf (stderr,
               "remora-cli: Invalid -T parameter \"%s\"; it must be one of:\n"
               "\t\"fields\"  The values of fields specified with the -e option, in a form\n"
               "\t          specified by the -E option.\n"
               "\t\"json\"    Packet Summary, an JSON-based format for the details\n"
               "\t          summary information of a decoded packet. This information is \n"
               "\t          equivalent to the packet details printed with the -V flag.\n"
               "\t\"text\"    Text of a human-readable one-line summary of each of the\n"
               "\t          packets, or a multi-line view of the details of each of the\n"
               "\t          packets, depending on whether the -V flag was specified.\n"
               "\t          This is the default.\n",
               arg);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_count (const char *arg,
             guint64    *out)
{
  char *end = NULL;
  gint64 v;

  v = g_ascii_strtoll (arg, &end, 10);
  if (end == arg || *end != '\0')
    {
      fprintf (stderr, "remora-cli: The specified packet count \"%s\" isn't a decimal number\n", arg);
      return FALSE;
    }
  if (v < 0)
    {
      fprintf (stderr, "remora-cli: The specified packet count \"%s\" is a negative number\n", arg);
      return FALSE;
    }
  if (v == 0)
    {
      fprintf (stderr, "remora-cli: The specified packet count is zero\n");
      return FALSE;
    }
  *out = (guint64) v;
  return TRUE;
}

void
remora_cli_print_usage (FILE *stream)
{
  fprintf (stream,
           "Usage: remora-cli [options] ...\n"
           "\n"
           "Capture interface:\n"
           "  -i <interface>           name of interface to capture on (repeatable;\n"
           "                           def: first non-loopback)\n"
           "  -f <capture filter>      packet filter in libpcap filter syntax\n"
           "  -s <snaplen>             packet snapshot length (def: 262144)\n"
           "  -p                       don't capture in promiscuous mode\n"
           "  -B <buffer size>         size of kernel buffer in MiB (def: 2)\n"
           "  -D                       print list of interfaces and exit\n"
           "                           (-f, -s, -p and -B apply to the preceding -i, or to\n"
           "                           all interfaces when given before any -i; capturing\n"
           "                           goes through the helper remora-capture, found as\n"
           "                           $REMORA_CAPTURE, next to remora-cli or in libexecdir)\n"
           "\n"
           "Capture stop conditions:\n"
           "  -c <packet count>        stop after n packets (def: infinite)\n"
           "  -a <autostop cond.> ...  duration:NUM - stop after NUM seconds\n"
           "                           filesize:NUM - stop this file after NUM KB\n"
           "                              packets:NUM - stop after NUM packets\n"
           "Capture output:\n"
           "  -b <ringbuffer opt.> ... filesize:NUM - switch to next file after NUM KB\n"
           "                              files:NUM - ringbuffer: replace after NUM files\n"
           "\n"
           "Input file:\n"
           "  -r <infile>, --read-file <infile>\n"
           "                           set the filename to read from (or '-' for stdin)\n"
           "\n"
           "Processing:\n"
           "  --explain-filter <display filter>\n"
           "                           print the compiled filter's tree (as Wireshark's dftest)\n"
           "  -z follow,tcp,ascii|hex,<stream>\n"
           "                           print a TCP stream's bytes as tshark's Follow TCP Stream\n"
           "  -Y <display filter>, --display-filter <display filter>\n"
           "                           packet displaY filter in Wireshark display filter\n"
           "                           syntax\n"
           "  -n                       disable all name resolutions (always the case)\n"
           "  -o <name>:<value> ...    override preference setting\n"
           "\n"
           "Output:\n"
           "  -w <outfile|->           write packets to a pcapng-format file named \"outfile\"\n"
           "                           (or '-' for stdout)\n"
           "  -F <output file type>    set the output file type: pcap or pcapng (default)\n"
           "  -c <packet count>        stop after n packets (def: infinite)\n"
           "  -V                       add output of packet tree        (Packet Details)\n"
           "  -x                       add output of hex and ASCII dump (Packet Bytes)\n"
           "  -T text|fields|json      format of text output (def: text)\n"
           "  -e <field>               field to print if -Tfields selected (e.g. tcp.port,\n"
           "                           _ws.col.Info)\n"
           "                           this option can be repeated to print multiple fields\n"
           "  -E<fieldsoption>=<value> set options for output when -Tfields selected:\n"
           "     header=y|n            switch headers on and off\n"
           "     separator=/t|/s|<char> select tab, space, printable character as separator\n"
           "     occurrence=f|l|a      print first, last or all occurrences of each field\n"
           "     aggregator=,|/s|<char> select comma, space, printable character as\n"
           "                           aggregator\n"
           "     quote=d|s|n           select double, single, no quotes for values\n"
           "  -t a|ad|adoy|d|dd|e|r|u|ud|udoy\n"
           "                           output format of time stamps (def: r: rel. to first)\n"
           "  -q                       be more quiet on stdout (e.g. when using statistics)\n"
           "  -G [fields|protocols]    dump a glossary of the registered fields or\n"
           "                           protocols and exit\n"
           "\n"
           "Miscellaneous:\n"
           "  -h, --help               display this help and exit\n"
           "  -v, --version            display version info and exit\n");
}

void
remora_cli_print_version (FILE *stream)
{
  fprintf (stream,
           "remora-cli (Remora) " PACKAGE_VERSION "\n"
           "\n"
           "License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>\n"
           "This is free software; see the source for copying conditions. There is NO\n"
           "warranty; not even for MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.\n"
           "\n"
           "Compiled with GLib %d.%d.%d.\n",
           GLIB_MAJOR_VERSION, GLIB_MINOR_VERSION, GLIB_MICRO_VERSION);
}

static int
usage_error (void)
{
  fputc ('\n', stderr);
  remora_cli_print_usage (stderr);
  return REMORA_CLI_EXIT_INVALID_OPTION;
}

/* "follow,tcp,ascii,N" or "follow,tcp,hex,N": the statistics Remora has. */
static gboolean
parse_follow (RemoraCliOptions *options,
              const char       *arg)
{
  g_auto(GStrv) parts = g_strsplit (arg, ",", -1);
  guint64 stream;

  if (g_strv_length (parts) != 4 || strcmp (parts[0], "follow") != 0 || strcmp (parts[1], "tcp") != 0)
    return FALSE;
  if (strcmp (parts[2], "ascii") == 0)
    options->follow_hex = FALSE;
  else if (strcmp (parts[2], "hex") == 0)
    options->follow_hex = TRUE;
  else
    return FALSE;
  if (!g_ascii_string_to_unsigned (parts[3], 10, 0, G_MAXUINT32, &stream, NULL))
    return FALSE;
  options->follow = TRUE;
  options->follow_stream = (guint32) stream;
  return TRUE;
}

int
remora_cli_options_parse (RemoraCliOptions *options,
                          int               argc,
                          char            **argv)
{
  static const struct option long_options[] = {
    { "help", no_argument, NULL, 'h' },
    { "version", no_argument, NULL, 'v' },
    { "read-file", required_argument, NULL, 'r' },
    { "display-filter", required_argument, NULL, 'Y' },
    { "explain-filter", required_argument, NULL, 0x100 },
    { NULL, 0, NULL, 0 },
  };
  int c;

  memset (options, 0, sizeof *options);
  options->write_format = REMORA_FILE_FORMAT_PCAPNG;
  options->output = REMORA_CLI_OUTPUT_TEXT;
  options->time_format = REMORA_CLI_TIME_RELATIVE;
  options->fields = g_ptr_array_new_with_free_func (g_free);
  options->prefs = g_ptr_array_new_with_free_func (g_free);
  options->separator = '\t';
  options->aggregator = ',';
  options->occurrence = 'a';
  options->capture_args = g_ptr_array_new_with_free_func (g_free);

  /* tshark reads "-G" only as the first option, its report as the next
   * word: "-G", "-G fields", "-G protocols". */
  if (argc >= 2 && strcmp (argv[1], "-G") == 0)
    {
      const char *report = argc >= 3 ? argv[2] : "fields";

      if (strcmp (report, "fields") == 0)
        options->glossary = REMORA_CLI_GLOSSARY_FIELDS;
      else if (strcmp (report, "protocols") == 0)
        options->glossary = REMORA_CLI_GLOSSARY_PROTOCOLS;
      else
        {
          fprintf (stderr, "remora-cli: Invalid \"%s\" option for -G flag, "
                   "enter -G fields or -G protocols.\n", report);
          return REMORA_CLI_EXIT_INVALID_OPTION;
        }
      return 0;
    }

  opterr = 0;
  optind = 1;
  while ((c = getopt_long (argc, argv, ":a:b:B:c:De:E:f:F:hi:no:pqr:s:t:T:vVw:xY:z:", long_options, NULL)) != -1)
    {
      switch (c)
        {
        case 'a':
        case 'b':
        case 'B':
        case 'f':
        case 'i':
        case 's':
          /* The helper checks the values and says what is wrong. */
          g_ptr_array_add (options->capture_args, g_strdup_printf ("-%c", c));
          g_ptr_array_add (options->capture_args, g_strdup (optarg));
          options->n_interfaces += c == 'i';
          options->ring_buffer |= c == 'b';
          break;
        case 'p':
          g_ptr_array_add (options->capture_args, g_strdup ("-p"));
          break;
        case 'D':
          options->list_interfaces = TRUE;
          break;
        case 'c':
          if (!parse_count (optarg, &options->max_packets))
            return REMORA_CLI_EXIT_INVALID_OPTION;
          break;
        case 'e':
          g_ptr_array_add (options->fields, g_strdup (optarg));
          break;
        case 'E':
          if (!parse_e_option (options, optarg))
            return REMORA_CLI_EXIT_INVALID_OPTION;
          break;
        case 'F':
          if (strcmp (optarg, "pcap") == 0 || strcmp (optarg, "libpcap") == 0)
            options->write_format = REMORA_FILE_FORMAT_PCAP;
          else if (strcmp (optarg, "pcapng") == 0)
            options->write_format = REMORA_FILE_FORMAT_PCAPNG;
          else
            {
              fprintf (stderr,
                       "remora-cli: \"%s\" isn't a valid capture file type\n"
                       "remora-cli: The available capture file types for the \"-F\" flag are:\n"
                       "    pcap - Wireshark/tcpdump/... - pcap\n"
                       "    pcapng - Wireshark/... - pcapng\n",
                       optarg);
              return REMORA_CLI_EXIT_INVALID_OPTION;
            }
          break;
        case 'h':
          options->show_help = TRUE;
          break;
        case 'n':
          /* Remora never resolves names: nothing to turn off. */
          break;
        case 'o':
          g_ptr_array_add (options->prefs, g_strdup (optarg));
          break;
        case 'q':
          options->quiet = TRUE;
          break;
        case 'r':
          g_free (options->read_file);
          options->read_file = g_strdup (optarg);
          break;
        case 't':
          if (!parse_time_format (optarg, &options->time_format))
            return REMORA_CLI_EXIT_INVALID_OPTION;
          break;
        case 'T':
          if (!parse_output (optarg, &options->output))
            return REMORA_CLI_EXIT_INVALID_OPTION;
          options->output_set = TRUE;
          break;
        case 'v':
          options->show_version = TRUE;
          break;
        case 'V':
          options->verbose = TRUE;
          break;
        case 'w':
          g_free (options->write_file);
          options->write_file = g_strdup (optarg);
          break;
        case 'x':
          options->hex = TRUE;
          break;
        case 0x100:
          g_free (options->explain_filter);
          options->explain_filter = g_strdup (optarg);
          break;
        case 'Y':
          g_free (options->display_filter);
          options->display_filter = g_strdup (optarg);
          break;
        case 'z':
          if (!parse_follow (options, optarg))
            {
              fprintf (stderr, "remora-cli: Invalid -z argument \"%s\"; the statistics supported are\n"
                       "     follow,tcp,ascii,<stream>\n     follow,tcp,hex,<stream>\n", optarg);
              return REMORA_CLI_EXIT_INVALID_OPTION;
            }
          break;
        case ':':
          fprintf (stderr, "remora-cli: option requires an argument: %c\n", optopt);
          return usage_error ();
        case '?':
        default:
          if (optopt != 0)
            fprintf (stderr, "remora-cli: unrecognized option: %c\n", optopt);
          else
            fprintf (stderr, "remora-cli: unrecognized option: %s\n", argv[optind - 1]);
          return usage_error ();
        }
    }

  if (optind < argc)
    {
      gboolean have_f = FALSE;

      for (guint i = 0; i < options->capture_args->len; i += 2)
        have_f |= strcmp (g_ptr_array_index (options->capture_args, i), "-f") == 0;
      /* As tshark: the rest of a live capture's command line is its
       * capture filter, for every interface; a file cannot use one. */
      if (options->read_file != NULL || have_f)
        {
          fprintf (stderr, "remora-cli: A capture filter was specified both with \"-f\" and with "
                   "additional command-line arguments, or without a capture interface.\n");
          return REMORA_CLI_EXIT_INVALID_OPTION;
        }
      g_ptr_array_insert (options->capture_args, 0, g_strdup ("-f"));
      g_ptr_array_insert (options->capture_args, 1, g_strjoinv (" ", argv + optind));
    }

  if (options->show_help || options->show_version || options->list_interfaces)
    return 0;

  if (options->fields->len > 0 && options->output != REMORA_CLI_OUTPUT_FIELDS)
    {
      fprintf (stderr, "remora-cli: Output fields were specified with \"-e\", but \"-Tfields\" "
               "was not specified.\n");
      return REMORA_CLI_EXIT_INVALID_OPTION;
    }
  if (options->hex && options->output == REMORA_CLI_OUTPUT_FIELDS)
    {
      fprintf (stderr, "remora-cli: Raw packet hex data can only be printed as text or JSON\n");
      return REMORA_CLI_EXIT_INVALID_OPTION;
    }
  if (options->output == REMORA_CLI_OUTPUT_FIELDS && options->fields->len == 0)
    {
      fprintf (stderr, "remora-cli: \"-Tfields\" was specified, but no fields were specified "
               "with \"-e\".\n");
      return REMORA_CLI_EXIT_INVALID_OPTION;
    }
  if (options->read_file == NULL && options->ring_buffer &&
      (options->write_file == NULL || strcmp (options->write_file, "-") == 0))
    {
      fprintf (stderr, "remora-cli: Multiple capture files requested, but the capture isn't "
               "being saved to a file.\n");
      return REMORA_CLI_EXIT_INVALID_OPTION;
    }
  if (options->read_file == NULL && options->write_file != NULL && options->display_filter != NULL)
    {
      fprintf (stderr, "remora-cli: Display filters aren't supported when capturing and saving "
               "the captured packets.\n");
      return REMORA_CLI_EXIT_INVALID_OPTION;
    }
  return 0;
}

void
remora_cli_options_clear (RemoraCliOptions *options)
{
  g_clear_pointer (&options->read_file, g_free);
  g_clear_pointer (&options->write_file, g_free);
  g_clear_pointer (&options->display_filter, g_free);
  g_clear_pointer (&options->explain_filter, g_free);
  g_clear_pointer (&options->fields, g_ptr_array_unref);
  g_clear_pointer (&options->prefs, g_ptr_array_unref);
  g_clear_pointer (&options->capture_args, g_ptr_array_unref);
}
