/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-interface-list"

#include "config.h"

#include <gio/gio.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "remora-interface-list.h"

/* Output of `remora-capture -D --machine` on a test machine, with a
 * description carrying spaces and a line that is not an interface. */
static const char machine_output[] =
  "eth0\t\t192.0.2.2,fd00::2,fe80::fc:ff:fe00:1\t1\tEthernet\tup,running\n"
  "lo\t\t127.0.0.1,::1\t1\tEthernet\tup,loopback,running\n"
  "ifb0\t\t\t1\tEthernet\tdown\n"
  "garbage line\n"
  "nflog\tLinux netfilter log (NFLOG) interface\t\t239\tLinux netfilter log messages\tdown\n"
  "wg0\t\t10.9.0.1\t-1\tunknown\tup\n";

static RemoraInterfaceInfo *
at (GPtrArray *list,
    guint      i)
{
  return g_ptr_array_index (list, i);
}

static void
test_parse (void)
{
  g_autoptr(GPtrArray) list = remora_interface_list_parse (machine_output);

  /* The helper's order, and `any` added since it was not listed. */
  g_assert_cmpuint (list->len, ==, 6);
  g_assert_cmpstr (at (list, 0)->name, ==, "eth0");
  g_assert_cmpstr (at (list, 1)->name, ==, "lo");
  g_assert_cmpstr (at (list, 2)->name, ==, "ifb0");
  g_assert_cmpstr (at (list, 3)->name, ==, "nflog");
  g_assert_cmpstr (at (list, 4)->name, ==, "wg0");
  g_assert_cmpstr (at (list, 5)->name, ==, "any");

  g_assert_cmpuint (g_strv_length (at (list, 0)->addresses), ==, 3);
  g_assert_cmpstr (at (list, 0)->addresses[1], ==, "fd00::2");
  g_assert_cmpint (at (list, 0)->flags, ==, REMORA_INTERFACE_UP | REMORA_INTERFACE_RUNNING);
  g_assert_cmpint (at (list, 0)->link_type, ==, 1);
  g_assert_cmpstr (at (list, 0)->link_type_name, ==, "Ethernet");

  g_assert_cmpint (at (list, 1)->flags, ==,
                   REMORA_INTERFACE_UP | REMORA_INTERFACE_LOOPBACK | REMORA_INTERFACE_RUNNING);
  g_assert_cmpuint (g_strv_length (at (list, 2)->addresses), ==, 0);
  g_assert_cmpint (at (list, 2)->flags, ==, 0);

  g_assert_cmpstr (at (list, 3)->description, ==, "Linux netfilter log (NFLOG) interface");
  g_assert_cmpint (at (list, 3)->link_type, ==, 239);
  g_assert_cmpint (at (list, 4)->link_type, ==, -1);

  g_assert_cmpint (at (list, 5)->link_type, ==, 113);
}

static void
test_parse_any_listed (void)
{
  g_autoptr(GPtrArray) list =
    remora_interface_list_parse ("any\tPseudo-device that captures on all interfaces\t\t113\tLinux cooked v1\tup,running\n"
                                 "lo\t\t127.0.0.1\t1\tEthernet\tup,loopback\n");

  /* Listed once, where the helper put it. */
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (at (list, 0)->name, ==, "any");
  g_assert_cmpstr (at (list, 1)->name, ==, "lo");
}

static void
test_sysfs_counts (void)
{
  guint64 before = 0, after = 0, any = 0;
  struct sockaddr_in addr = { 0 };
  int fd;

  if (!g_file_test ("/sys/class/net/lo/statistics/rx_packets", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /sys/class/net/lo");
      return;
    }
  g_assert_true (remora_interface_read_packet_count ("lo", &before));
  g_assert_false (remora_interface_read_packet_count ("no-such-interface0", &after));
  g_assert_false (remora_interface_read_packet_count ("../lo", &after));

  fd = socket (AF_INET, SOCK_DGRAM, 0);
  g_assert_cmpint (fd, >=, 0);
  addr.sin_family = AF_INET;
  addr.sin_port = htons (9);          /* discard: nobody listens, the packet still crosses lo */
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  for (int i = 0; i < 20; i++)
    g_assert_cmpint (sendto (fd, "x", 1, 0, (struct sockaddr *) &addr, sizeof addr), ==, 1);
  close (fd);

  g_assert_true (remora_interface_read_packet_count ("lo", &after));
  /* Each datagram is sent and received on lo: counted twice, and the
   * ICMP port unreachable answers add more. */
  g_assert_cmpuint (after, >=, before + 40);
  g_assert_true (remora_interface_read_packet_count ("any", &any));
  g_assert_cmpuint (any, >=, after);
}

static void
test_load_fallback (void)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *problem = NULL;
  g_autoptr(GError) error = NULL;
  gboolean have_lo = FALSE;

  /* A helper that cannot run: sysfs still lists the interfaces. */
  g_setenv ("REMORA_CAPTURE", "/nonexistent/remora-capture", TRUE);
  list = remora_interface_list_load (NULL, &problem, &error);
  g_assert_no_error (error);
  g_assert_nonnull (problem);
  for (guint i = 0; i < list->len; i++)
    if (strcmp (at (list, i)->name, "lo") == 0)
      {
        have_lo = TRUE;
        g_assert_true (at (list, i)->flags & REMORA_INTERFACE_LOOPBACK);
      }
  g_assert_true (have_lo || !g_file_test ("/sys/class/net/lo", G_FILE_TEST_EXISTS));
  g_assert_cmpstr (at (list, list->len - 1)->name, ==, "any");
}

static void
test_load_helper (void)
{
  const char *root = g_getenv ("REMORA_BUILD_ROOT");
  g_autofree char *helper = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *problem = NULL;
  gboolean have_lo = FALSE;

  if (root == NULL)
    {
      g_test_skip ("REMORA_BUILD_ROOT not set");
      return;
    }
  helper = g_build_filename (root, "src", "capture", "remora-capture", NULL);
  g_setenv ("REMORA_CAPTURE", helper, TRUE);
  list = remora_interface_list_load (NULL, &problem, NULL);
  g_assert_null (problem);
  for (guint i = 0; i < list->len; i++)
    if (strcmp (at (list, i)->name, "lo") == 0)
      {
        have_lo = TRUE;
        g_assert_true (g_strv_contains ((const char * const *) at (list, i)->addresses, "127.0.0.1"));
      }
  g_assert_true (have_lo);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/remora/interface-list/parse", test_parse);
  g_test_add_func ("/remora/interface-list/parse-any-listed", test_parse_any_listed);
  g_test_add_func ("/remora/interface-list/sysfs-counts", test_sysfs_counts);
  g_test_add_func ("/remora/interface-list/load-fallback", test_load_fallback);
  g_test_add_func ("/remora/interface-list/load-helper", test_load_helper);
  return g_test_run ();
}
