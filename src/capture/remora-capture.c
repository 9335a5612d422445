/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-capture"

#include "config.h"

#include "remora-capture-private.h"
#include "remora-capture-output.h"
#include "remora-capture-privileges.h"

#include <errno.h>
#include <getopt.h>
#include <glib-unix.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* remora-capture: the one program of Remora that may hold capture rights.
 * It opens the interfaces, gives up every privilege, then copies packets
 * into pcapng on standard output or a file and parses nothing.
 *
 *   main loop (GLib)
 *     GSource per pcap handle (its selectable fd, nonblocking)
 *       -> pcap_dispatch (at most BUDGET packets a wakeup)
 *       -> RcOutput buffer -> flushed at the end of every wakeup
 *     1 s timer -> "stats" lines on stderr
 *     SIGINT/SIGTERM/SIGHUP, -a duration -> drain, close, exit */

#define DEFAULT_SNAPLEN    262144
#define DEFAULT_BUFFER_MIB 2
/* The kernel hands a block of packets over at the latest this long after
 * its first packet: the most a reader waits for a quiet link's packets. */
#define BUFFER_TIMEOUT_MS  100
/* Packets per handle per wakeup, so one busy interface cannot starve the
 * others, the timers or the signals. */
#define BUDGET             512
/* After a stop request, how long packets already received may take to
 * come out of the kernel's blocks. */
#define DRAIN_DELAY_MS     (BUFFER_TIMEOUT_MS + 50)

void
rc_report_error (const char *kind,
                 const char *format,
                 ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_strdelimit (message, "\r\n", ' ');
  fprintf (stderr, "remora-capture: error %s %s\n", kind, message);
}

int
rc_dlt_to_linktype (int dlt)
{
  switch (dlt)
    {
    case 12:                    /* DLT_RAW on Linux */
    case 14:                    /* DLT_RAW elsewhere */
      return 101;
    case 11:                    /* DLT_ATM_RFC1483 */
      return 100;
    default:
      return dlt;
    }
}

static int
linktype_to_dlt (int link_type)
{
  switch (link_type)
    {
    case 101:
      return 12;
    case 100:
      return 11;
    default:
      return link_type;
    }
}

pcap_t *
rc_open_handle (const char *name,
                int         snaplen,
                gboolean    promisc,
                int         buffer_mib,
                char       *errbuf,
                int        *status)
{
  pcap_t *handle = pcap_create (name, errbuf);

  *status = PCAP_ERROR;
  if (handle == NULL)
    return NULL;
  pcap_set_snaplen (handle, snaplen);
  pcap_set_promisc (handle, promisc ? 1 : 0);
  pcap_set_timeout (handle, BUFFER_TIMEOUT_MS);
  pcap_set_buffer_size (handle, buffer_mib * 1024 * 1024);
  /* Not every device offers nanoseconds; microseconds are scaled up. */
  pcap_set_tstamp_precision (handle, PCAP_TSTAMP_PRECISION_NANO);

  *status = pcap_activate (handle);
  if (*status < 0)
    {
      if (*status == PCAP_ERROR && pcap_geterr (handle)[0] != '\0')
        g_strlcpy (errbuf, pcap_geterr (handle), PCAP_ERRBUF_SIZE);
      else if (*status == PCAP_ERROR_PERM_DENIED || *status == PCAP_ERROR_NO_SUCH_DEVICE ||
               *status == PCAP_ERROR_PROMISC_PERM_DENIED)
        {
          const char *detail = pcap_geterr (handle);

          const char *summary = pcap_statustostr (*status);

          if (detail[0] == '\0' || strstr (detail, summary) != NULL)
            g_strlcpy (errbuf, detail[0] != '\0' ? detail : summary, PCAP_ERRBUF_SIZE);
          else
            g_snprintf (errbuf, PCAP_ERRBUF_SIZE, "%s (%s)", summary, detail);
        }
      else
        g_strlcpy (errbuf, pcap_statustostr (*status), PCAP_ERRBUF_SIZE);
      pcap_close (handle);
      return NULL;
    }
  if (*status > 0)
    {
      const char *detail = pcap_geterr (handle);

      fprintf (stderr, "remora-capture: warning %s %s%s%s\n", name,
               pcap_statustostr (*status), detail[0] != '\0' ? ": " : "", detail);
    }
  return handle;
}

/* ---- options ---- */

typedef struct {
  char     *name;
  char     *filter;
  gboolean  filter_set;
  gboolean  promisc;
  gboolean  promisc_set;
  int       snaplen;
  gboolean  snaplen_set;
  int       buffer_mib;
  gboolean  buffer_set;
} IfaceOptions;

typedef struct {
  gboolean      list;           /* -D */
  gboolean      machine;        /* --machine */
  gboolean      statistics;     /* -S */
  GPtrArray    *ifaces;         /* IfaceOptions *, in -i order */
  IfaceOptions  defaults;       /* settings given before any -i */
  char         *write_file;     /* -w */
  double        stop_duration;  /* -a duration:N seconds, 0 = none */
  guint64       stop_packets;   /* -a packets:N */
  guint64       stop_filesize;  /* -a filesize:N, bytes */
  guint64       ring_filesize;  /* -b filesize:N, bytes */
  guint         ring_files;     /* -b files:N */
} Options;

static void
iface_options_free (gpointer data)
{
  IfaceOptions *iface = data;

  g_free (iface->name);
  g_free (iface->filter);
  g_free (iface);
}

static void
print_usage (FILE *stream)
{
  fprintf (stream,
    "Usage: remora-capture [options]\n"
    "\n"
    "The capture helper of Remora: opens interfaces with libpcap, drops every\n"
    "privilege, and writes pcapng.  remora and remora-cli run it for you.\n"
    "\n"
    "  -D                       list the interfaces (\"1. eth0 (description)\") and exit\n"
    "  -D --machine             one line per interface, tab-separated: name,\n"
    "                           description, addresses (comma-separated), link type\n"
    "                           number, link type name, flags (up|down[,loopback][,running])\n"
    "  -S                       print statistics every second on stdout, one line per\n"
    "                           interface: NAME<tab>RECEIVED<tab>DROPPED<tab>SOURCE,\n"
    "                           counted since -S started; SOURCE is \"pcap\" (pcap_stats\n"
    "                           on an open handle) or \"sysfs\" (rx_packets/rx_dropped in\n"
    "                           /sys/class/net, used without capture rights)\n"
    "  -i <interface>           capture on this interface (repeatable; \"any\" = all);\n"
    "                           default: the first non-loopback interface\n"
    "  -f <capture filter>      BPF filter in libpcap syntax\n"
    "  -p                       don't capture in promiscuous mode\n"
    "  -s <snaplen>             packet snapshot length (def: 262144; 0 = 262144)\n"
    "  -B <buffer size>         kernel buffer size in MiB (def: 2)\n"
    "                           -f, -p, -s and -B apply to the preceding -i, or to\n"
    "                           every interface when given before any -i\n"
    "  -a <condition>:<value>   stop: duration:SECONDS, packets:N, filesize:KB\n"
    "                           (kB = 1000 bytes; repeatable)\n"
    "  -b <condition>:<value>   ring buffer: filesize:KB (switch files),\n"
    "                           files:N (keep the newest N); comma-separated or repeated\n"
    "  -w <file|->              write pcapng to this file, or \"-\" for stdout (required\n"
    "                           to capture)\n"
    "  -h, --help               show this help and exit\n"
    "  -v, --version            show the version and exit\n"
    "\n"
    "While capturing, standard error carries lines of the form\n"
    "  remora-capture: capturing IFACE\n"
    "  remora-capture: warning IFACE MESSAGE\n"
    "  remora-capture: file PATH                      (each ring buffer file)\n"
    "  remora-capture: stats IFACE RECEIVED DROPPED IFDROPPED   (every second, at end)\n"
    "  remora-capture: packets N                      (at the end: packets written)\n"
    "  remora-capture: error KIND MESSAGE\n"
    "KIND is usage, filter, permission, interface, output or privileges.\n"
    "Exit status: 0 done, 1 bad command line, 2 could not start, 3 failed while\n"
    "capturing.\n");
}

static gboolean
parse_count (const char *text,
             guint64     max,
             guint64    *out)
{
  return g_ascii_string_to_unsigned (text, 10, 1, max, out, NULL);
}

static gboolean
parse_autostop (Options    *options,
                const char *arg)
{
  const char *colon = strchr (arg, ':');
  const char *value = colon != NULL ? colon + 1 : "";
  guint64 n;

  if (g_str_has_prefix (arg, "duration:"))
    {
      char *end = NULL;
      double seconds = g_ascii_strtod (value, &end);

      if (end == value || *end != '\0' || !(seconds > 0) || seconds > 1e9)
        goto bad;
      options->stop_duration = seconds;
      return TRUE;
    }
  if (g_str_has_prefix (arg, "packets:") && parse_count (value, G_MAXUINT64, &n))
    {
      options->stop_packets = n;
      return TRUE;
    }
  if (g_str_has_prefix (arg, "filesize:") && parse_count (value, G_MAXUINT64 / 1000, &n))
    {
      options->stop_filesize = n * 1000;
      return TRUE;
    }
bad:
  rc_report_error (RC_ERROR_USAGE, "Invalid autostop criterion \"%s\": use duration:SECONDS, "
                   "packets:N or filesize:KB", arg);
  return FALSE;
}

static gboolean
parse_ring (Options    *options,
            const char *arg)
{
  g_auto(GStrv) parts = g_strsplit (arg, ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *part = parts[i];
      guint64 n;

      if (g_str_has_prefix (part, "filesize:") &&
          parse_count (part + strlen ("filesize:"), G_MAXUINT64 / 1000, &n))
        options->ring_filesize = n * 1000;
      else if (g_str_has_prefix (part, "files:") &&
               parse_count (part + strlen ("files:"), 100000, &n))
        options->ring_files = (guint) n;
      else
        {
          rc_report_error (RC_ERROR_USAGE, "Invalid ring buffer criterion \"%s\": use "
                           "filesize:KB or files:N", part);
          return FALSE;
        }
    }
  return TRUE;
}

/* The settings of the interface being described: the last -i, or the
 * defaults before any. */
static IfaceOptions *
current_iface (Options *options)
{
  if (options->ifaces->len == 0)
    return &options->defaults;
  return g_ptr_array_index (options->ifaces, options->ifaces->len - 1);
}

static int
parse_options (Options  *options,
               int       argc,
               char    **argv)
{
  enum { OPT_MACHINE = 1000 };
  static const struct option long_options[] = {
    { "help", no_argument, NULL, 'h' },
    { "version", no_argument, NULL, 'v' },
    { "machine", no_argument, NULL, OPT_MACHINE },
    { NULL, 0, NULL, 0 },
  };
  int c;

  opterr = 0;
  while ((c = getopt_long (argc, argv, ":a:b:B:Df:hi:ps:Svw:", long_options, NULL)) != -1)
    {
      IfaceOptions *iface = current_iface (options);
      guint64 n;

      switch (c)
        {
        case 'a':
          if (!parse_autostop (options, optarg))
            return RC_EXIT_USAGE;
          break;
        case 'b':
          if (!parse_ring (options, optarg))
            return RC_EXIT_USAGE;
          break;
        case 'B':
          if (!parse_count (optarg, 4096, &n))
            {
              rc_report_error (RC_ERROR_USAGE, "Invalid buffer size \"%s\": a number of MiB from 1 to 4096", optarg);
              return RC_EXIT_USAGE;
            }
          iface->buffer_mib = (int) n;
          iface->buffer_set = TRUE;
          break;
        case 'D':
          options->list = TRUE;
          break;
        case 'f':
          g_free (iface->filter);
          iface->filter = g_strdup (optarg);
          iface->filter_set = TRUE;
          break;
        case 'h':
          print_usage (stdout);
          exit (RC_EXIT_OK);
        case 'i':
          iface = g_new0 (IfaceOptions, 1);
          iface->name = g_strdup (optarg);
          g_ptr_array_add (options->ifaces, iface);
          break;
        case 'p':
          iface->promisc = FALSE;
          iface->promisc_set = TRUE;
          break;
        case 's':
          if (strcmp (optarg, "0") == 0)
            n = DEFAULT_SNAPLEN;
          else if (!parse_count (optarg, DEFAULT_SNAPLEN, &n))
            {
              rc_report_error (RC_ERROR_USAGE, "Invalid snapshot length \"%s\": 1 to %d, or 0 for %d",
                               optarg, DEFAULT_SNAPLEN, DEFAULT_SNAPLEN);
              return RC_EXIT_USAGE;
            }
          iface->snaplen = (int) n;
          iface->snaplen_set = TRUE;
          break;
        case 'S':
          options->statistics = TRUE;
          break;
        case 'v':
          printf ("remora-capture (Remora) " PACKAGE_VERSION "\n%s\n", pcap_lib_version ());
          exit (RC_EXIT_OK);
        case 'w':
          g_free (options->write_file);
          options->write_file = g_strdup (optarg);
          break;
        case OPT_MACHINE:
          options->machine = TRUE;
          break;
        case ':':
          rc_report_error (RC_ERROR_USAGE, "Option -%c requires an argument", optopt);
          return RC_EXIT_USAGE;
        default:
          if (optopt != 0)
            rc_report_error (RC_ERROR_USAGE, "Unknown option -%c (see --help)", optopt);
          else
            rc_report_error (RC_ERROR_USAGE, "Unknown option %s (see --help)", argv[optind - 1]);
          return RC_EXIT_USAGE;
        }
    }
  if (optind < argc)
    {
      rc_report_error (RC_ERROR_USAGE, "Unexpected argument \"%s\" (a capture filter goes after -f)",
                       argv[optind]);
      return RC_EXIT_USAGE;
    }
  if (options->machine && !options->list)
    {
      rc_report_error (RC_ERROR_USAGE, "--machine goes with -D");
      return RC_EXIT_USAGE;
    }
  if (options->list || options->statistics)
    return 0;
  if (options->write_file == NULL)
    {
      rc_report_error (RC_ERROR_USAGE, "No output: use -w FILE, or -w - for standard output");
      return RC_EXIT_USAGE;
    }
  if ((options->ring_filesize > 0 || options->ring_files > 0) && strcmp (options->write_file, "-") == 0)
    {
      rc_report_error (RC_ERROR_USAGE, "A ring buffer (-b) needs an output file (-w FILE)");
      return RC_EXIT_USAGE;
    }
  if (options->ring_files > 0 && options->ring_filesize == 0)
    {
      rc_report_error (RC_ERROR_USAGE, "A ring buffer needs filesize:KB to know when to switch files");
      return RC_EXIT_USAGE;
    }
  return 0;
}

/* Gives every interface the defaults it did not override. */
static void
resolve_iface_options (Options *options)
{
  const IfaceOptions *d = &options->defaults;

  for (guint i = 0; i < options->ifaces->len; i++)
    {
      IfaceOptions *iface = g_ptr_array_index (options->ifaces, i);

      if (!iface->filter_set && d->filter_set)
        iface->filter = g_strdup (d->filter);
      if (!iface->promisc_set)
        iface->promisc = d->promisc_set ? d->promisc : TRUE;
      if (!iface->snaplen_set)
        iface->snaplen = d->snaplen_set ? d->snaplen : DEFAULT_SNAPLEN;
      if (!iface->buffer_set)
        iface->buffer_mib = d->buffer_set ? d->buffer_mib : DEFAULT_BUFFER_MIB;
    }
}

static char *
default_interface (void)
{
  char errbuf[PCAP_ERRBUF_SIZE];
  pcap_if_t *devs = NULL;
  char *name = NULL;

  if (pcap_findalldevs (&devs, errbuf) != 0)
    return NULL;
  for (pcap_if_t *dev = devs; dev != NULL && name == NULL; dev = dev->next)
    if (!(dev->flags & PCAP_IF_LOOPBACK) && strcmp (dev->name, "any") != 0)
      name = g_strdup (dev->name);
  if (name == NULL && devs != NULL)
    name = g_strdup (devs->name);
  pcap_freealldevs (devs);
  return name;
}

/* ---- capturing ---- */

typedef struct _Capture Capture;

typedef struct {
  Capture  *capture;
  char     *name;
  guint     index;            /* interface id in the output */
  pcap_t   *handle;
  gboolean  nanoseconds;
  guint     source_id;
} LiveIface;

struct _Capture {
  GPtrArray  *ifaces;         /* LiveIface * */
  RcOutput   *output;
  GMainLoop  *loop;
  guint64     n_packets;
  guint64     stop_packets;
  guint64     stop_filesize;
  gboolean    stopping;
  gboolean    count_reached;
  guint       drain_id;
  int         status;
};

static void
live_iface_free (gpointer data)
{
  LiveIface *iface = data;

  g_clear_handle_id (&iface->source_id, g_source_remove);
  g_clear_pointer (&iface->handle, pcap_close);
  g_free (iface->name);
  g_free (iface);
}

static void
stop_now (Capture *capture,
          int      status)
{
  if (capture->status == RC_EXIT_OK)
    capture->status = status;
  capture->stopping = TRUE;
  g_main_loop_quit (capture->loop);
}

static gboolean
on_drained (gpointer user_data)
{
  Capture *capture = user_data;

  capture->drain_id = 0;
  g_main_loop_quit (capture->loop);
  return G_SOURCE_REMOVE;
}

/* Packets already received still sit in the kernel's current block for up
 * to the buffer timeout: keep reading that long before closing. */
static void
stop_gracefully (Capture *capture)
{
  if (capture->stopping)
    return;
  capture->stopping = TRUE;
  capture->drain_id = g_timeout_add (DRAIN_DELAY_MS, on_drained, capture);
}

static void
on_packet (u_char                   *user,
           const struct pcap_pkthdr *header,
           const u_char             *bytes)
{
  LiveIface *iface = (LiveIface *) user;
  Capture *capture = iface->capture;
  g_autoptr(GError) error = NULL;
  gint64 ts_ns;

  if (capture->count_reached || capture->status != RC_EXIT_OK)
    return;

  ts_ns = (gint64) header->ts.tv_sec * G_GINT64_CONSTANT (1000000000) +
          (gint64) header->ts.tv_usec * (iface->nanoseconds ? 1 : 1000);
  if (!rc_output_packet (capture->output, iface->index, ts_ns, header->caplen, header->len,
                         bytes, &error))
    {
      rc_report_error (RC_ERROR_OUTPUT, "%s", error->message);
      pcap_breakloop (iface->handle);
      stop_now (capture, RC_EXIT_RUNTIME);
      return;
    }
  capture->n_packets++;
  if (capture->stop_packets > 0 && capture->n_packets >= capture->stop_packets)
    {
      capture->count_reached = TRUE;
      pcap_breakloop (iface->handle);
      stop_now (capture, RC_EXIT_OK);
    }
}

/* Reads what one handle has; FALSE when it failed (reported). */
static gboolean
read_handle (LiveIface *iface)
{
  Capture *capture = iface->capture;
  g_autoptr(GError) error = NULL;
  int n = pcap_dispatch (iface->handle, BUDGET, on_packet, (u_char *) iface);

  if (n == PCAP_ERROR)
    {
      rc_report_error (RC_ERROR_INTERFACE, "The capture on %s stopped: %s", iface->name,
                       pcap_geterr (iface->handle));
      stop_now (capture, RC_EXIT_RUNTIME);
      return FALSE;
    }
  if (!rc_output_flush (capture->output, &error))
    {
      rc_report_error (RC_ERROR_OUTPUT, "%s", error->message);
      stop_now (capture, RC_EXIT_RUNTIME);
      return FALSE;
    }
  if (capture->stop_filesize > 0 && rc_output_get_file_size (capture->output) >= capture->stop_filesize)
    stop_now (capture, RC_EXIT_OK);
  return TRUE;
}

static gboolean
on_readable (int          fd,
             GIOCondition condition,
             gpointer     user_data)
{
  LiveIface *iface = user_data;

  if (!read_handle (iface) || (condition & (G_IO_ERR | G_IO_HUP | G_IO_NVAL)) != 0)
    {
      if ((condition & (G_IO_ERR | G_IO_HUP | G_IO_NVAL)) != 0 && iface->capture->status == RC_EXIT_OK)
        {
          rc_report_error (RC_ERROR_INTERFACE, "The capture on %s stopped: the interface went away",
                           iface->name);
          stop_now (iface->capture, RC_EXIT_RUNTIME);
        }
      iface->source_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
print_stats (Capture *capture)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < capture->ifaces->len; i++)
    {
      LiveIface *iface = g_ptr_array_index (capture->ifaces, i);
      struct pcap_stat ps;

      if (iface->handle != NULL && pcap_stats (iface->handle, &ps) == 0)
        g_string_append_printf (out, "remora-capture: stats %s %u %u %u\n",
                                iface->name, ps.ps_recv, ps.ps_drop, ps.ps_ifdrop);
    }
  fputs (out->str, stderr);
}

static gboolean
on_stats_tick (gpointer user_data)
{
  print_stats (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_duration (gpointer user_data)
{
  stop_gracefully (user_data);
  return G_SOURCE_REMOVE;
}

static gboolean
on_signal (gpointer user_data)
{
  stop_gracefully (user_data);
  return G_SOURCE_CONTINUE;
}

/* Checks every filter on a dead handle of the interface's likely link
 * type, so a typo is refused before any interface is opened. */
static gboolean
check_filters (Options *options)
{
  for (guint i = 0; i < options->ifaces->len; i++)
    {
      IfaceOptions *iface = g_ptr_array_index (options->ifaces, i);
      int link_type = rc_linktype_guess (iface->name);
      pcap_t *dead;
      struct bpf_program program;

      if (iface->filter == NULL)
        continue;
      dead = pcap_open_dead (linktype_to_dlt (link_type != RC_LINKTYPE_UNKNOWN ? link_type : 1),
                             iface->snaplen);
      if (pcap_compile (dead, &program, iface->filter, 1, PCAP_NETMASK_UNKNOWN) != 0)
        {
          rc_report_error (RC_ERROR_FILTER, "Invalid capture filter \"%s\" for interface %s: %s",
                           iface->filter, iface->name, pcap_geterr (dead));
          pcap_close (dead);
          return FALSE;
        }
      pcap_freecode (&program);
      pcap_close (dead);
    }
  return TRUE;
}

static int
open_interfaces (Capture *capture,
                 Options *options)
{
  char errbuf[PCAP_ERRBUF_SIZE];

  for (guint i = 0; i < options->ifaces->len; i++)
    {
      IfaceOptions *opts = g_ptr_array_index (options->ifaces, i);
      LiveIface *iface = g_new0 (LiveIface, 1);
      int status;

      iface->capture = capture;
      iface->name = g_strdup (opts->name);
      iface->index = i;
      g_ptr_array_add (capture->ifaces, iface);

      errbuf[0] = '\0';
      iface->handle = rc_open_handle (opts->name, opts->snaplen, opts->promisc, opts->buffer_mib,
                                      errbuf, &status);
      if (iface->handle == NULL)
        {
          gboolean denied = status == PCAP_ERROR_PERM_DENIED || status == PCAP_ERROR_PROMISC_PERM_DENIED ||
                            strstr (errbuf, "Operation not permitted") != NULL;

          rc_report_error (denied ? RC_ERROR_PERMISSION : RC_ERROR_INTERFACE,
                           "Could not open interface %s: %s", opts->name, errbuf);
          return RC_EXIT_START;
        }
      iface->nanoseconds = pcap_get_tstamp_precision (iface->handle) == PCAP_TSTAMP_PRECISION_NANO;

      if (opts->filter != NULL)
        {
          struct bpf_program program;

          if (pcap_compile (iface->handle, &program, opts->filter, 1, PCAP_NETMASK_UNKNOWN) != 0)
            {
              rc_report_error (RC_ERROR_FILTER, "Invalid capture filter \"%s\" for interface %s: %s",
                               opts->filter, opts->name, pcap_geterr (iface->handle));
              return RC_EXIT_START;
            }
          if (pcap_setfilter (iface->handle, &program) != 0)
            {
              rc_report_error (RC_ERROR_FILTER, "Could not set the capture filter on %s: %s",
                               opts->name, pcap_geterr (iface->handle));
              pcap_freecode (&program);
              return RC_EXIT_START;
            }
          pcap_freecode (&program);
        }

      if (pcap_setnonblock (iface->handle, 1, errbuf) != 0 || pcap_get_selectable_fd (iface->handle) < 0)
        {
          rc_report_error (RC_ERROR_INTERFACE, "Interface %s cannot be watched for packets: %s",
                           opts->name, errbuf[0] != '\0' ? errbuf : "no selectable descriptor");
          return RC_EXIT_START;
        }
      rc_output_add_interface (capture->output, opts->name,
                               rc_dlt_to_linktype (pcap_datalink (iface->handle)),
                               (guint32) pcap_snapshot (iface->handle), opts->filter);
    }
  return RC_EXIT_OK;
}

static int
capture_run (Options *options)
{
  Capture capture = { 0 };
  g_autoptr(GError) error = NULL;
  int status;

  if (!check_filters (options))
    return RC_EXIT_START;
  if (strcmp (options->write_file, "-") != 0 &&
      !rc_privileges_can_write (options->write_file, &error))
    {
      rc_report_error (RC_ERROR_OUTPUT, "%s", error->message);
      return RC_EXIT_START;
    }

  capture.ifaces = g_ptr_array_new_with_free_func (live_iface_free);
  capture.output = rc_output_new (options->write_file, options->ring_filesize, options->ring_files);
  capture.stop_packets = options->stop_packets;
  capture.stop_filesize = options->stop_filesize;
  capture.loop = g_main_loop_new (NULL, FALSE);

  status = open_interfaces (&capture, options);
  if (status == RC_EXIT_OK && !rc_privileges_drop (&error))
    {
      rc_report_error (RC_ERROR_PRIVILEGES, "%s", error->message);
      status = RC_EXIT_START;
    }
  /* Created only now, with no more rights than the caller's. */
  if (status == RC_EXIT_OK && !rc_output_open (capture.output, &error))
    {
      rc_report_error (RC_ERROR_OUTPUT, "%s", error->message);
      status = RC_EXIT_START;
    }
  if (status != RC_EXIT_OK)
    {
      g_ptr_array_unref (capture.ifaces);
      rc_output_close (capture.output, NULL);
      g_main_loop_unref (capture.loop);
      return status;
    }

  for (guint i = 0; i < capture.ifaces->len; i++)
    {
      LiveIface *iface = g_ptr_array_index (capture.ifaces, i);

      iface->source_id = g_unix_fd_add (pcap_get_selectable_fd (iface->handle),
                                        G_IO_IN | G_IO_ERR | G_IO_HUP, on_readable, iface);
      fprintf (stderr, "remora-capture: capturing %s\n", iface->name);
    }
  g_timeout_add_seconds (1, on_stats_tick, &capture);
  if (options->stop_duration > 0)
    g_timeout_add ((guint) (options->stop_duration * 1000), on_duration, &capture);
  g_unix_signal_add (SIGINT, on_signal, &capture);
  g_unix_signal_add (SIGTERM, on_signal, &capture);
  g_unix_signal_add (SIGHUP, on_signal, &capture);

  g_main_loop_run (capture.loop);

  /* A stop by signal or duration already waited out the kernel's blocks;
   * take what they hold. */
  if (capture.status == RC_EXIT_OK && !capture.count_reached)
    for (guint i = 0; i < capture.ifaces->len; i++)
      {
        LiveIface *iface = g_ptr_array_index (capture.ifaces, i);

        for (int round = 0; round < 64 && !capture.count_reached; round++)
          {
            int n = pcap_dispatch (iface->handle, BUDGET, on_packet, (u_char *) iface);

            if (n <= 0)
              break;
          }
      }

  print_stats (&capture);
  if (!rc_output_close (capture.output, &error))
    {
      rc_report_error (RC_ERROR_OUTPUT, "%s", error->message);
      if (capture.status == RC_EXIT_OK)
        capture.status = RC_EXIT_RUNTIME;
    }
  fprintf (stderr, "remora-capture: packets %" G_GUINT64_FORMAT "\n", capture.n_packets);

  g_clear_handle_id (&capture.drain_id, g_source_remove);
  g_ptr_array_unref (capture.ifaces);
  g_main_loop_unref (capture.loop);
  return capture.status;
}

int
main (int    argc,
      char **argv)
{
  Options options = { 0 };
  int status;

  /* A reader that goes away must show up as a write error, not kill us
   * before the statistics are out. */
  signal (SIGPIPE, SIG_IGN);
  /* Line by line, so each stats or error line reaches a reader whole. */
  setvbuf (stderr, NULL, _IOLBF, 0);

  options.ifaces = g_ptr_array_new_with_free_func (iface_options_free);
  status = parse_options (&options, argc, argv);
  if (status != 0)
    goto out;

  if (options.list)
    {
      status = rc_list_interfaces (options.machine);
      goto out;
    }
  if (options.statistics)
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new ();

      for (guint i = 0; i < options.ifaces->len; i++)
        g_ptr_array_add (names, ((IfaceOptions *) g_ptr_array_index (options.ifaces, i))->name);
      status = rc_print_statistics (names);
      goto out;
    }

  if (options.ifaces->len == 0)
    {
      IfaceOptions *iface = g_new0 (IfaceOptions, 1);

      iface->name = default_interface ();
      if (iface->name == NULL)
        {
          g_free (iface);
          rc_report_error (RC_ERROR_INTERFACE, "There are no interfaces to capture on");
          status = RC_EXIT_START;
          goto out;
        }
      g_ptr_array_add (options.ifaces, iface);
    }
  resolve_iface_options (&options);
  status = capture_run (&options);

out:
  g_ptr_array_unref (options.ifaces);
  g_free (options.defaults.filter);
  g_free (options.write_file);
  return status;
}
