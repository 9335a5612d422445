/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-capture-request"

#include "config.h"

#include <string.h>

#include "remora-capture-request.h"

/* The helper's command line for a request: what Capture Options sends. */

static char *
args_text (const RemoraCaptureRequest *request)
{
  g_auto(GStrv) args = remora_capture_request_to_args (request);

  return g_strjoinv (" ", args);
}

static guint
count_arg (const RemoraCaptureRequest *request,
           const char                 *arg)
{
  g_auto(GStrv) args = remora_capture_request_to_args (request);
  guint n = 0;

  for (guint i = 0; args[i] != NULL; i++)
    n += strcmp (args[i], arg) == 0;
  return n;
}

static RemoraCaptureRequest *
two_interfaces (void)
{
  RemoraCaptureRequest *request = remora_capture_request_new ();

  remora_capture_request_add_interface (request, "eth0");
  remora_capture_request_add_interface (request, "lo");
  return request;
}

static void
test_promisc_global_on (void)
{
  g_autoptr(RemoraCaptureRequest) request = two_interfaces ();
  g_autofree char *text = NULL;

  /* The global switch wins even over an interface set off. */
  ((RemoraCaptureRequestIface *) g_ptr_array_index (request->interfaces, 1))->promiscuous = FALSE;
  text = args_text (request);
  g_assert_cmpstr (text, ==, "-i eth0 -i lo -w -");
  g_assert_cmpuint (count_arg (request, "-p"), ==, 0);
}

static void
test_promisc_global_off (void)
{
  g_autoptr(RemoraCaptureRequest) request = two_interfaces ();
  g_autofree char *text = NULL;

  request->promiscuous_all = FALSE;
  for (guint i = 0; i < request->interfaces->len; i++)
    ((RemoraCaptureRequestIface *) g_ptr_array_index (request->interfaces, i))->promiscuous = FALSE;
  text = args_text (request);
  g_assert_cmpstr (text, ==, "-i eth0 -p -i lo -p -w -");
}

static void
test_promisc_one_off (void)
{
  g_autoptr(RemoraCaptureRequest) request = two_interfaces ();
  g_autofree char *text = NULL;

  request->promiscuous_all = FALSE;
  ((RemoraCaptureRequestIface *) g_ptr_array_index (request->interfaces, 1))->promiscuous = FALSE;
  text = args_text (request);
  g_assert_cmpstr (text, ==, "-i eth0 -i lo -p -w -");
}

static void
test_everything (void)
{
  g_autoptr(RemoraCaptureRequest) request = remora_capture_request_new ();
  g_autoptr(RemoraCaptureRequest) copy = NULL;
  RemoraCaptureRequestIface *iface;
  g_auto(GStrv) args = NULL;
  g_autofree char *text = NULL;

  iface = remora_capture_request_add_interface (request, "eth0");
  iface->filter = g_strdup ("tcp port 80");
  iface->snaplen = 128;
  iface->buffer_mib = 4;
  iface = remora_capture_request_add_interface (request, "any");
  iface->filter = g_strdup ("");
  request->stop_packets = 1000;
  request->stop_duration = 2.5;
  request->stop_filesize_kb = 500;
  request->output = g_strdup ("/tmp/out.pcapng");
  request->ring_filesize_kb = 100;
  request->ring_files = 5;

  copy = remora_capture_request_copy (request);
  g_clear_pointer (&request, remora_capture_request_free);
  args = remora_capture_request_to_args (copy);
  /* The filter is one argument, spaces and all. */
  g_assert_cmpstr (args[3], ==, "tcp port 80");
  text = g_strjoinv (" ", args);
  g_assert_cmpstr (text, ==,
                   "-i eth0 -f tcp port 80 -s 128 -B 4 -i any "
                   "-a packets:1000 -a duration:2.5 -a filesize:500 "
                   "-b filesize:100,files:5 -w /tmp/out.pcapng");
}

static void
test_ring_needs_file (void)
{
  g_autoptr(RemoraCaptureRequest) request = two_interfaces ();
  g_autofree char *text = NULL;

  /* The helper refuses -b with -w -: a pipe gets no ring options. */
  request->ring_filesize_kb = 100;
  text = args_text (request);
  g_assert_cmpstr (text, ==, "-i eth0 -i lo -w -");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/remora/capture-request/promisc-global-on", test_promisc_global_on);
  g_test_add_func ("/remora/capture-request/promisc-global-off", test_promisc_global_off);
  g_test_add_func ("/remora/capture-request/promisc-one-off", test_promisc_one_off);
  g_test_add_func ("/remora/capture-request/everything", test_everything);
  g_test_add_func ("/remora/capture-request/ring-needs-file", test_ring_needs_file);
  return g_test_run ();
}
