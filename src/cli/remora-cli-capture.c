/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-cli"

#include "config.h"

#include "remora-cli-capture.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "remora-capture-session.h"

struct _RemoraCliCapture {
  RemoraCaptureSession *session;
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
  return remora_capture_find_helper ();
}

/* Status lines shown as they come, in tshark's words; errors, statistics
 * and the final count are kept by the session for
 * remora_cli_capture_finish(). */
static void
on_event (const RemoraCaptureEvent *event,
          gpointer                  user_data)
{
  switch (event->kind)
    {
    case REMORA_CAPTURE_EVENT_CAPTURING:
      fprintf (stderr, "Capturing on '%s'\n", event->iface);
      break;
    case REMORA_CAPTURE_EVENT_WARNING:
      if (event->iface != NULL)
        fprintf (stderr, "remora-cli: Warning: %s %s\n", event->iface, event->text);
      else
        fprintf (stderr, "remora-cli: Warning: %s\n", event->text);
      break;
    case REMORA_CAPTURE_EVENT_OTHER:
      /* Not one of ours (a library's complaint): show it as it came. */
      fprintf (stderr, "%s\n", event->text);
      break;
    case REMORA_CAPTURE_EVENT_FILE:      /* tshark does not name ring buffer files either */
    case REMORA_CAPTURE_EVENT_STATS:
    case REMORA_CAPTURE_EVENT_PACKETS:
    case REMORA_CAPTURE_EVENT_ERROR:
    default:
      break;
    }
}

static void
capture_free (RemoraCliCapture *capture)
{
  g_clear_object (&capture->session);
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
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (args, NULL);
  capture->session = remora_capture_session_new ((const char * const *) args->pdata);
  g_ptr_array_remove_index (args, args->len - 1);
  remora_capture_session_set_thread_event_func (capture->session, on_event, capture);

  if (!remora_capture_session_spawn (capture->session, pipe_stdout, &error))
    {

      /* The session's message is the reason, then for DENIED the fix. */
      fprintf (stderr, "remora-cli: %s\n", error->message);
      if (!g_error_matches (error, REMORA_CAPTURE_SESSION_ERROR, REMORA_CAPTURE_SESSION_ERROR_DENIED))
        fprintf (stderr, "remora-cli: Set REMORA_CAPTURE to the path of remora-capture.\n");
      capture_free (capture);
      *status = REMORA_CLI_EXIT_INVALID_FILE;
      return NULL;
    }
  set_forwarding (remora_capture_session_get_pid (capture->session));
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
  int fd = remora_capture_session_steal_stdout_fd (capture->session);

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
    {
      g_autofree char *fix =
        remora_capture_fix_commands (remora_capture_session_get_helper (capture->session));

      fprintf (stderr, "\n%s", fix);
    }
  if (strcmp (kind, "usage") == 0)
    return REMORA_CLI_EXIT_INVALID_OPTION;
  return REMORA_CLI_EXIT_INVALID_FILTER;  /* 2: the capture could not be done */
}

void
remora_cli_capture_stop (RemoraCliCapture *capture)
{
  GPid pid = remora_capture_session_get_pid (capture->session);

  if (pid > 0)
    kill (pid, SIGINT);
}

int
remora_cli_capture_finish (RemoraCliCapture *capture,
                           guint64           n_captured,
                           int               status)
{
  const char * const *errors;
  guint64 helper_packets = 0;
  gboolean helper_packets_known;
  int wait_status;

  wait_status = remora_capture_session_wait (capture->session);
  set_forwarding (0);

  fflush (stdout);
  errors = remora_capture_session_get_errors (capture->session);
  for (guint i = 0; errors[i] != NULL; i++)
    {
      int error_status = report_error (capture, errors[i]);

      if (status == REMORA_CLI_EXIT_OK)
        status = error_status;
    }
  helper_packets_known = remora_capture_session_get_helper_packets (capture->session, &helper_packets);

  if (WIFSIGNALED (wait_status))
    {
      int signo = WTERMSIG (wait_status);

      fprintf (stderr, "remora-cli: The capture helper remora-capture was killed by signal %d (%s); "
               "the packets it delivered before are all shown.\n", signo, g_strsignal (signo));
      if (status == REMORA_CLI_EXIT_OK)
        status = REMORA_CLI_EXIT_INVALID_FILE;
    }
  else if (WIFEXITED (wait_status) && WEXITSTATUS (wait_status) != 0 && errors[0] == NULL)
    {
      fprintf (stderr, "remora-cli: The capture helper remora-capture stopped with status %d.\n",
               WEXITSTATUS (wait_status));
      if (status == REMORA_CLI_EXIT_OK)
        status = REMORA_CLI_EXIT_INVALID_FILE;
    }

  /* Nothing was captured when the helper never started. */
  if (helper_packets_known || n_captured > 0 || WIFSIGNALED (wait_status))
    {
      const char *name;
      guint64 dropped, if_dropped;
      guint64 n = helper_packets_known && n_captured == G_MAXUINT64 ? helper_packets : n_captured;

      if (n == G_MAXUINT64)
        n = 0;
      fprintf (stderr, "%" G_GUINT64_FORMAT " packet%s captured\n", n, n == 1 ? "" : "s");
      for (guint i = 0;
           remora_capture_session_get_stats (capture->session, i, &name, NULL, &dropped, &if_dropped);
           i++)
        {
          if (dropped > 0)
            fprintf (stderr, "%" G_GUINT64_FORMAT " packet%s dropped from %s\n",
                     dropped, dropped == 1 ? "" : "s", name);
          if (if_dropped > 0)
            fprintf (stderr, "%" G_GUINT64_FORMAT " packet%s dropped by interface %s\n",
                     if_dropped, if_dropped == 1 ? "" : "s", name);
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
