/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-cli"

#include "config.h"

#include "remora-cli-capture.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define LINE_PREFIX "remora-capture: "

typedef struct {
  char    *name;
  guint64  received;
  guint64  dropped;
  guint64  if_dropped;
} IfaceStats;

struct _RemoraCliCapture {
  char      *helper;
  GPid       pid;
  int        stdout_fd;       /* the pcapng pipe, -1 once handed to the reader */
  GThread   *stderr_thread;
  int        stderr_fd;

  GMutex     lock;            /* guards what the stderr thread fills in */
  GPtrArray *errors;          /* char * "KIND MESSAGE" */
  GArray    *stats;           /* IfaceStats, latest per interface */
  guint64    helper_packets;
  gboolean   helper_packets_known;
};

/* The helper to signal when the user presses Ctrl+C: the terminal sends
 * SIGINT to the helper too, but not when remora-cli is signalled alone. */
static volatile pid_t forward_pid = 0;

static void
forward_signal (int signo)
{
  pid_t pid = forward_pid;

  if (pid > 0)
    kill (pid, SIGINT);
}

static void
set_forwarding (GPid pid)
{
  struct sigaction action;

  memset (&action, 0, sizeof action);
  sigemptyset (&action.sa_mask);
  if (pid > 0)
    {
      forward_pid = pid;
      action.sa_handler = forward_signal;
    }
  else
    {
      forward_pid = 0;
      action.sa_handler = SIG_DFL;
    }
  sigaction (SIGINT, &action, NULL);
  sigaction (SIGTERM, &action, NULL);
  sigaction (SIGHUP, &action, NULL);
}

char *
remora_cli_capture_find_helper (void)
{
  const char *env = g_getenv ("REMORA_CAPTURE");
  g_autofree char *exe = NULL;

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);

  exe = g_file_read_link ("/proc/self/exe", NULL);
  if (exe != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (exe);
      char *candidates[] = {
        g_build_filename (dir, "..", "capture", "remora-capture", NULL),
        g_build_filename (dir, "remora-capture", NULL),
      };
      char *found = NULL;

      for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
        {
          if (found == NULL && g_file_test (candidates[i], G_FILE_TEST_IS_REGULAR))
            found = g_steal_pointer (&candidates[i]);
          g_free (candidates[i]);
        }
      if (found != NULL)
        return found;
    }
  return g_build_filename (REMORA_LIBEXECDIR, "remora-capture", NULL);
}

/* What to type to capture without root, for the helper at HELPER. */
static void
print_fix_commands (const char *helper)
{
  const char *user = g_get_user_name ();

  fprintf (stderr,
           "\n"
           "Remora captures through its helper %s, which needs the\n"
           "capabilities cap_net_raw and cap_net_admin.  To give them to it, and to let\n"
           "the members of the group \"remora\" run it:\n"
           "\n"
           "    sudo groupadd -r remora\n"
           "    sudo chgrp remora %s\n"
           "    sudo chmod 0750 %s\n"
           "    sudo setcap cap_net_raw,cap_net_admin=ep %s\n"
           "    sudo usermod -aG remora %s\n"
           "\n"
           "then log out and back in, so that the group membership applies.\n"
           "(\"meson install\" run as root does the first four when Remora is\n"
           "configured with -Dcapture_caps=true.)\n",
           helper, helper, helper, helper, user);
}

static void
print_join_group (const char *helper)
{
  fprintf (stderr,
           "\n"
           "The helper %s may only be run by the members of its group.\n"
           "Join it with\n"
           "\n"
           "    sudo usermod -aG remora %s\n"
           "\n"
           "then log out and back in.\n",
           helper, g_get_user_name ());
}

static IfaceStats *
stats_for (RemoraCliCapture *capture,
           const char       *name)
{
  IfaceStats fresh = { 0 };

  for (guint i = 0; i < capture->stats->len; i++)
    {
      IfaceStats *s = &g_array_index (capture->stats, IfaceStats, i);

      if (strcmp (s->name, name) == 0)
        return s;
    }
  fresh.name = g_strdup (name);
  g_array_append_val (capture->stats, fresh);
  return &g_array_index (capture->stats, IfaceStats, capture->stats->len - 1);
}

static void
handle_line (RemoraCliCapture *capture,
             const char       *line)
{
  const char *rest;

  if (!g_str_has_prefix (line, LINE_PREFIX))
    {
      /* Not one of ours (a library's complaint): show it as it came. */
      fprintf (stderr, "%s\n", line);
      return;
    }
  rest = line + strlen (LINE_PREFIX);

  if (g_str_has_prefix (rest, "capturing "))
    fprintf (stderr, "Capturing on '%s'\n", rest + strlen ("capturing "));
  else if (g_str_has_prefix (rest, "warning "))
    fprintf (stderr, "remora-cli: Warning: %s\n", rest + strlen ("warning "));
  else if (g_str_has_prefix (rest, "error "))
    {
      g_mutex_lock (&capture->lock);
      g_ptr_array_add (capture->errors, g_strdup (rest + strlen ("error ")));
      g_mutex_unlock (&capture->lock);
    }
  else if (g_str_has_prefix (rest, "stats "))
    {
      g_auto(GStrv) parts = g_strsplit (rest + strlen ("stats "), " ", -1);

      if (g_strv_length (parts) == 4)
        {
          IfaceStats *s;

          g_mutex_lock (&capture->lock);
          s = stats_for (capture, parts[0]);
          s->received = g_ascii_strtoull (parts[1], NULL, 10);
          s->dropped = g_ascii_strtoull (parts[2], NULL, 10);
          s->if_dropped = g_ascii_strtoull (parts[3], NULL, 10);
          g_mutex_unlock (&capture->lock);
        }
    }
  else if (g_str_has_prefix (rest, "packets "))
    {
      g_mutex_lock (&capture->lock);
      capture->helper_packets = g_ascii_strtoull (rest + strlen ("packets "), NULL, 10);
      capture->helper_packets_known = TRUE;
      g_mutex_unlock (&capture->lock);
    }
  /* "file PATH": tshark does not name ring buffer files either. */
}

static gpointer
read_stderr (gpointer user_data)
{
  RemoraCliCapture *capture = user_data;
  FILE *in = fdopen (capture->stderr_fd, "r");
  char *line = NULL;
  size_t size = 0;
  ssize_t n;

  if (in == NULL)
    {
      close (capture->stderr_fd);
      return NULL;
    }
  while ((n = getline (&line, &size, in)) >= 0)
    {
      if (n > 0 && line[n - 1] == '\n')
        line[n - 1] = '\0';
      handle_line (capture, line);
    }
  free (line);
  fclose (in);
  return NULL;
}

static void
iface_stats_clear (gpointer data)
{
  g_free (((IfaceStats *) data)->name);
}

static void
capture_free (RemoraCliCapture *capture)
{
  if (capture->stdout_fd >= 0)
    close (capture->stdout_fd);
  g_mutex_clear (&capture->lock);
  g_ptr_array_unref (capture->errors);
  g_array_unref (capture->stats);
  g_free (capture->helper);
  g_free (capture);
}

/* Runs the helper with ARGS (after its path); its stdout is a pipe when
 * PIPE_STDOUT, else remora-cli's own. */
static RemoraCliCapture *
spawn_helper (GPtrArray *args,
              gboolean   pipe_stdout,
              int       *status)
{
  RemoraCliCapture *capture = g_new0 (RemoraCliCapture, 1);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int out_fd = -1;

  capture->helper = remora_cli_capture_find_helper ();
  capture->stdout_fd = -1;
  capture->stderr_fd = -1;
  g_mutex_init (&capture->lock);
  capture->errors = g_ptr_array_new_with_free_func (g_free);
  capture->stats = g_array_new (FALSE, TRUE, sizeof (IfaceStats));
  g_array_set_clear_func (capture->stats, iface_stats_clear);

  g_ptr_array_add (argv, capture->helper);
  for (guint i = 0; i < args->len; i++)
    g_ptr_array_add (argv, g_ptr_array_index (args, i));
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_async_with_pipes (NULL, (char **) argv->pdata, NULL,
                                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_CLOEXEC_PIPES,
                                 NULL, NULL, &capture->pid, NULL,
                                 pipe_stdout ? &out_fd : NULL, &capture->stderr_fd, &error))
    {
      gboolean denied = g_error_matches (error, G_SPAWN_ERROR, G_SPAWN_ERROR_ACCES) ||
                        g_error_matches (error, G_SPAWN_ERROR, G_SPAWN_ERROR_PERM);

      fprintf (stderr, "remora-cli: Could not run the capture helper %s: %s\n",
               capture->helper, error->message);
      if (denied)
        print_join_group (capture->helper);
      else if (g_error_matches (error, G_SPAWN_ERROR, G_SPAWN_ERROR_NOENT))
        fprintf (stderr, "remora-cli: Set REMORA_CAPTURE to the path of remora-capture.\n");
      capture_free (capture);
      *status = REMORA_CLI_EXIT_INVALID_FILE;
      return NULL;
    }
  capture->stdout_fd = out_fd;
  set_forwarding (capture->pid);
  capture->stderr_thread = g_thread_new ("remora-capture-stderr", read_stderr, capture);
  return capture;
}

/* The helper's arguments for OPTIONS, writing to OUTPUT. */
static GPtrArray *
helper_args (RemoraCliOptions *options,
             const char       *output)
{
  GPtrArray *args = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < options->capture_args->len; i++)
    g_ptr_array_add (args, g_strdup (g_ptr_array_index (options->capture_args, i)));
  if (options->max_packets > 0)
    {
      g_ptr_array_add (args, g_strdup ("-a"));
      g_ptr_array_add (args, g_strdup_printf ("packets:%" G_GUINT64_FORMAT, options->max_packets));
    }
  g_ptr_array_add (args, g_strdup ("-w"));
  g_ptr_array_add (args, g_strdup (output));
  return args;
}

RemoraCliCapture *
remora_cli_capture_start (RemoraCliOptions *options,
                          int              *status)
{
  g_autoptr(GPtrArray) args = helper_args (options, "-");

  return spawn_helper (args, TRUE, status);
}

RemoraCaptureReader *
remora_cli_capture_open_reader (RemoraCliCapture  *capture,
                                GError           **error)
{
  int fd = capture->stdout_fd;

  capture->stdout_fd = -1;
  return remora_capture_reader_open_fd (fd, "remora-capture", error);
}

/* Prints one helper error in tshark's manner, with the fix when the
 * reason is missing rights.  Returns the exit status it calls for. */
static int
report_error (RemoraCliCapture *capture,
              const char       *error)
{
  const char *space = strchr (error, ' ');
  g_autofree char *kind = g_strndup (error, space != NULL ? (gsize) (space - error) : strlen (error));
  const char *message = space != NULL ? space + 1 : "";

  fprintf (stderr, "remora-cli: %s\n", message);
  if (strcmp (kind, "permission") == 0)
    print_fix_commands (capture->helper);
  if (strcmp (kind, "usage") == 0)
    return REMORA_CLI_EXIT_INVALID_OPTION;
  return REMORA_CLI_EXIT_INVALID_FILTER;  /* 2: the capture could not be done */
}

void
remora_cli_capture_stop (RemoraCliCapture *capture)
{
  kill (capture->pid, SIGINT);
}

int
remora_cli_capture_finish (RemoraCliCapture *capture,
                           guint64           n_captured,
                           int               status)
{
  int wait_status = 0;
  pid_t done;

  do
    done = waitpid (capture->pid, &wait_status, 0);
  while (done < 0 && errno == EINTR);
  set_forwarding (0);
  g_thread_join (capture->stderr_thread);
  g_spawn_close_pid (capture->pid);

  fflush (stdout);
  for (guint i = 0; i < capture->errors->len; i++)
    {
      int error_status = report_error (capture, g_ptr_array_index (capture->errors, i));

      if (status == REMORA_CLI_EXIT_OK)
        status = error_status;
    }

  if (WIFSIGNALED (wait_status))
    {
      int signo = WTERMSIG (wait_status);

      fprintf (stderr, "remora-cli: The capture helper remora-capture was killed by signal %d (%s); "
               "the packets it delivered before are all shown.\n", signo, g_strsignal (signo));
      if (status == REMORA_CLI_EXIT_OK)
        status = REMORA_CLI_EXIT_INVALID_FILE;
    }
  else if (WIFEXITED (wait_status) && WEXITSTATUS (wait_status) != 0 && capture->errors->len == 0)
    {
      fprintf (stderr, "remora-cli: The capture helper remora-capture stopped with status %d.\n",
               WEXITSTATUS (wait_status));
      if (status == REMORA_CLI_EXIT_OK)
        status = REMORA_CLI_EXIT_INVALID_FILE;
    }

  /* Nothing was captured when the helper never started. */
  if (capture->helper_packets_known || n_captured > 0 || WIFSIGNALED (wait_status))
    {
      guint64 n = capture->helper_packets_known && n_captured == G_MAXUINT64 ? capture->helper_packets
                                                                             : n_captured;

      if (n == G_MAXUINT64)
        n = 0;
      fprintf (stderr, "%" G_GUINT64_FORMAT " packet%s captured\n", n, n == 1 ? "" : "s");
      for (guint i = 0; i < capture->stats->len; i++)
        {
          const IfaceStats *s = &g_array_index (capture->stats, IfaceStats, i);

          if (s->dropped > 0)
            fprintf (stderr, "%" G_GUINT64_FORMAT " packet%s dropped from %s\n",
                     s->dropped, s->dropped == 1 ? "" : "s", s->name);
          if (s->if_dropped > 0)
            fprintf (stderr, "%" G_GUINT64_FORMAT " packet%s dropped by interface %s\n",
                     s->if_dropped, s->if_dropped == 1 ? "" : "s", s->name);
        }
    }

  capture_free (capture);
  return status;
}

int
remora_cli_capture_run_to_file (RemoraCliOptions *options)
{
  g_autoptr(GPtrArray) args = helper_args (options, options->write_file);
  RemoraCliCapture *capture;
  int status = REMORA_CLI_EXIT_OK;

  capture = spawn_helper (args, FALSE, &status);
  if (capture == NULL)
    return status;
  /* The helper writes the file; the count comes from its last line. */
  return remora_cli_capture_finish (capture, G_MAXUINT64, REMORA_CLI_EXIT_OK);
}

int
remora_cli_capture_list (void)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  RemoraCliCapture *capture;
  int status = REMORA_CLI_EXIT_OK;

  g_ptr_array_add (args, g_strdup ("-D"));
  capture = spawn_helper (args, FALSE, &status);
  if (capture == NULL)
    return status;
  return remora_cli_capture_finish (capture, 0, REMORA_CLI_EXIT_OK);
}
