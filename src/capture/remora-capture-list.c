/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-capture"

#include "config.h"

#include "remora-capture-private.h"
#include "remora-capture-privileges.h"

#include <arpa/inet.h>
#include <errno.h>
#include <glib-unix.h>
#include <net/if_arp.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>


/* ARPHRD_* (from /sys/class/net/IF/type) to the link type libpcap would
 * give, for when the interface cannot be opened to ask it. */
static int
linktype_from_arphrd (guint64 type)
{
  switch (type)
    {
    case ARPHRD_ETHER:
    case ARPHRD_LOOPBACK:
      return 1;                 /* ETHERNET */
    case ARPHRD_NONE:
    case ARPHRD_TUNNEL:
    case ARPHRD_TUNNEL6:
    case ARPHRD_SIT:
    case ARPHRD_IPGRE:
      return 101;               /* RAW */
    case ARPHRD_PPP:
      return 113;               /* LINUX_SLL: libpcap reads PPP devices cooked */
    case ARPHRD_IEEE80211:
      return 105;
    case ARPHRD_IEEE80211_RADIOTAP:
      return 127;
    case 824:                   /* ARPHRD_NETLINK */
      return 253;
    default:
      return RC_LINKTYPE_UNKNOWN;
    }
}

static char *
sysfs_path (const char *iface,
            const char *leaf)
{
  return g_build_filename ("/sys/class/net", iface, leaf, NULL);
}

static gboolean
read_sysfs_u64 (const char *iface,
                const char *leaf,
                guint64    *out)
{
  g_autofree char *path = sysfs_path (iface, leaf);
  g_autofree char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return FALSE;
  g_strstrip (text);
  return g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64, out, NULL);
}

static gboolean
is_netdev (const char *iface)
{
  g_autofree char *path = sysfs_path (iface, "ifindex");

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

int
rc_linktype_guess (const char *name)
{
  guint64 type;

  if (strcmp (name, "any") == 0)
    return 113;
  if (read_sysfs_u64 (name, "type", &type))
    return linktype_from_arphrd (type);
  if (g_str_has_prefix (name, "nflog") || g_str_has_prefix (name, "nfqueue"))
    return 239;
  if (g_str_has_prefix (name, "bluetooth-monitor"))
    return 254;
  if (g_str_has_prefix (name, "bluetooth"))
    return 201;
  if (g_str_has_prefix (name, "usbmon"))
    return 220;
  if (g_str_has_prefix (name, "dbus"))
    return 231;
  return RC_LINKTYPE_UNKNOWN;
}

static int
linktype_of (const char *name)
{
  char errbuf[PCAP_ERRBUF_SIZE];
  pcap_t *handle;
  int status;
  int link_type;

  /* Only network devices and "any" are opened to ask: opening the
   * others (netfilter queues, D-Bus, USB monitors) has side effects. */
  if (strcmp (name, "any") != 0 && !is_netdev (name))
    return rc_linktype_guess (name);

  handle = pcap_create (name, errbuf);
  if (handle == NULL)
    return rc_linktype_guess (name);
  pcap_set_snaplen (handle, 64);
  pcap_set_buffer_size (handle, 64 * 1024);
  status = pcap_activate (handle);
  if (status < 0)
    {
      pcap_close (handle);
      return rc_linktype_guess (name);
    }
  link_type = rc_dlt_to_linktype (pcap_datalink (handle));
  pcap_close (handle);
  return link_type;
}

static void
append_addresses (GString   *out,
                  pcap_if_t *dev)
{
  gboolean first = TRUE;

  for (pcap_addr_t *a = dev->addresses; a != NULL; a = a->next)
    {
      char text[INET6_ADDRSTRLEN];
      const void *raw;

      if (a->addr == NULL)
        continue;
      if (a->addr->sa_family == AF_INET)
        raw = &((struct sockaddr_in *) a->addr)->sin_addr;
      else if (a->addr->sa_family == AF_INET6)
        raw = &((struct sockaddr_in6 *) a->addr)->sin6_addr;
      else
        continue;
      if (inet_ntop (a->addr->sa_family, raw, text, sizeof text) == NULL)
        continue;
      if (!first)
        g_string_append_c (out, ',');
      g_string_append (out, text);
      first = FALSE;
    }
}

/* Descriptions come from the system; keep the line format intact. */
static void
append_clean (GString    *out,
              const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    g_string_append_c (out, (*p == '\t' || *p == '\n' || *p == '\r') ? ' ' : *p);
}

int
rc_list_interfaces (gboolean machine)
{
  char errbuf[PCAP_ERRBUF_SIZE];
  pcap_if_t *devs = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  guint n = 0;

  if (pcap_findalldevs (&devs, errbuf) != 0)
    {
      rc_report_error (RC_ERROR_INTERFACE, "Could not list the interfaces: %s", errbuf);
      return RC_EXIT_START;
    }

  for (pcap_if_t *dev = devs; dev != NULL; dev = dev->next)
    {
      n++;
      if (!machine)
        {
          g_string_append_printf (out, "%u. %s", n, dev->name);
          if (dev->description != NULL && dev->description[0] != '\0')
            g_string_append_printf (out, " (%s)", dev->description);
          g_string_append_c (out, '\n');
          continue;
        }

      {
        int link_type = linktype_of (dev->name);
        const char *link_name = NULL;

        g_string_append (out, dev->name);
        g_string_append_c (out, '\t');
        append_clean (out, dev->description);
        g_string_append_c (out, '\t');
        append_addresses (out, dev);
        g_string_append_c (out, '\t');
        if (link_type != RC_LINKTYPE_UNKNOWN)
          {
            int dlt = link_type == 101 ? 12 : link_type;

            link_name = pcap_datalink_val_to_description (dlt);
          }
        g_string_append_printf (out, "%d\t%s\t", link_type, link_name != NULL ? link_name : "unknown");
        g_string_append (out, (dev->flags & PCAP_IF_UP) ? "up" : "down");
        if (dev->flags & PCAP_IF_LOOPBACK)
          g_string_append (out, ",loopback");
        if (dev->flags & PCAP_IF_RUNNING)
          g_string_append (out, ",running");
        g_string_append_c (out, '\n');
      }
    }
  pcap_freealldevs (devs);

  fputs (out->str, stdout);
  if (fflush (stdout) != 0)
    return RC_EXIT_RUNTIME;
  return RC_EXIT_OK;
}

/* ---- -S ---- */

typedef struct {
  char    *name;
  pcap_t  *handle;        /* NULL: counted from sysfs */
  guint    source_id;
  guint64  base_packets;  /* sysfs values when -S started */
  guint64  base_dropped;
} StatIface;

typedef struct {
  GArray    *ifaces;      /* StatIface */
  GMainLoop *loop;
  int        status;
} Stats;

static gboolean
sysfs_counts (const char *name,
              guint64    *packets,
              guint64    *dropped)
{
  *packets = *dropped = 0;
  if (strcmp (name, "any") != 0)
    return read_sysfs_u64 (name, "statistics/rx_packets", packets) &&
           read_sysfs_u64 (name, "statistics/rx_dropped", dropped);

  {
    g_autoptr(GDir) dir = g_dir_open ("/sys/class/net", 0, NULL);
    const char *entry;

    if (dir == NULL)
      return FALSE;
    while ((entry = g_dir_read_name (dir)) != NULL)
      {
        guint64 p = 0, d = 0;

        read_sysfs_u64 (entry, "statistics/rx_packets", &p);
        read_sysfs_u64 (entry, "statistics/rx_dropped", &d);
        *packets += p;
        *dropped += d;
      }
  }
  return TRUE;
}

static void
discard_packet (u_char                   *user,
                const struct pcap_pkthdr *header,
                const u_char             *bytes)
{
}

static gboolean
on_stat_readable (int          fd,
                  GIOCondition condition,
                  gpointer     user_data)
{
  StatIface *iface = user_data;

  if (pcap_dispatch (iface->handle, 4096, discard_packet, NULL) < 0)
    {
      /* The interface went away: fall back to what sysfs still says, or
       * stop counting it. */
      iface->source_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
on_stat_tick (gpointer user_data)
{
  Stats *stats = user_data;
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < stats->ifaces->len; i++)
    {
      StatIface *iface = &g_array_index (stats->ifaces, StatIface, i);
      guint64 packets, dropped;

      if (iface->handle != NULL)
        {
          struct pcap_stat ps;

          if (pcap_stats (iface->handle, &ps) != 0)
            continue;
          g_string_append_printf (out, "%s\t%u\t%u\tpcap\n", iface->name, ps.ps_recv, ps.ps_drop);
        }
      else if (sysfs_counts (iface->name, &packets, &dropped))
        g_string_append_printf (out, "%s\t%" G_GUINT64_FORMAT "\t%" G_GUINT64_FORMAT "\tsysfs\n",
                                iface->name, packets - iface->base_packets,
                                dropped - iface->base_dropped);
    }
  fputs (out->str, stdout);
  if (fflush (stdout) != 0)
    {
      /* Nobody is reading any more. */
      g_main_loop_quit (stats->loop);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
on_stat_signal (gpointer user_data)
{
  Stats *stats = user_data;

  g_main_loop_quit (stats->loop);
  return G_SOURCE_CONTINUE;
}

static void
stat_iface_clear (gpointer data)
{
  StatIface *iface = data;

  g_clear_handle_id (&iface->source_id, g_source_remove);
  g_clear_pointer (&iface->handle, pcap_close);
  g_free (iface->name);
}

static void
add_stat_iface (Stats      *stats,
                const char *name)
{
  StatIface iface = { g_strdup (name), NULL, 0, 0, 0 };
  char errbuf[PCAP_ERRBUF_SIZE];
  int status;

  /* Non-promiscuous: counting must not change what the interface accepts. */
  iface.handle = rc_open_handle (name, 64, FALSE, 1, errbuf, &status);
  if (iface.handle == NULL || pcap_setnonblock (iface.handle, 1, errbuf) != 0 ||
      pcap_get_selectable_fd (iface.handle) < 0)
    {
      g_clear_pointer (&iface.handle, pcap_close);
      if (!sysfs_counts (name, &iface.base_packets, &iface.base_dropped))
        {
          /* Neither way to count this one (a netfilter queue without
           * rights, say): leave it out rather than print zeros. */
          g_free (iface.name);
          return;
        }
    }
  g_array_append_val (stats->ifaces, iface);
}

int
rc_print_statistics (GPtrArray *names)
{
  Stats stats = { 0 };
  g_autoptr(GError) error = NULL;
  char errbuf[PCAP_ERRBUF_SIZE];

  stats.ifaces = g_array_new (FALSE, TRUE, sizeof (StatIface));
  g_array_set_clear_func (stats.ifaces, stat_iface_clear);

  if (names->len > 0)
    {
      for (guint i = 0; i < names->len; i++)
        add_stat_iface (&stats, g_ptr_array_index (names, i));
    }
  else
    {
      pcap_if_t *devs = NULL;

      if (pcap_findalldevs (&devs, errbuf) != 0)
        {
          rc_report_error (RC_ERROR_INTERFACE, "Could not list the interfaces: %s", errbuf);
          g_array_unref (stats.ifaces);
          return RC_EXIT_START;
        }
      for (pcap_if_t *dev = devs; dev != NULL; dev = dev->next)
        add_stat_iface (&stats, dev->name);
      pcap_freealldevs (devs);
    }

  if (!rc_privileges_drop (&error))
    {
      rc_report_error (RC_ERROR_PRIVILEGES, "%s", error->message);
      g_array_unref (stats.ifaces);
      return RC_EXIT_START;
    }

  /* Only now that the array no longer grows are its elements' addresses
   * stable enough to hand to the sources. */
  for (guint i = 0; i < stats.ifaces->len; i++)
    {
      StatIface *iface = &g_array_index (stats.ifaces, StatIface, i);

      if (iface->handle != NULL)
        iface->source_id = g_unix_fd_add (pcap_get_selectable_fd (iface->handle), G_IO_IN,
                                          on_stat_readable, iface);
    }

  stats.loop = g_main_loop_new (NULL, FALSE);
  /* A first line at once, so a reader knows which interfaces are counted. */
  on_stat_tick (&stats);
  g_timeout_add_seconds (1, on_stat_tick, &stats);
  g_unix_signal_add (SIGINT, on_stat_signal, &stats);
  g_unix_signal_add (SIGTERM, on_stat_signal, &stats);
  g_unix_signal_add (SIGHUP, on_stat_signal, &stats);
  g_main_loop_run (stats.loop);

  g_main_loop_unref (stats.loop);
  g_array_unref (stats.ifaces);
  return stats.status;
}
