/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-capture-request"

#include "config.h"

#include "remora-capture-request.h"

G_DEFINE_BOXED_TYPE (RemoraCaptureRequest, remora_capture_request,
                     remora_capture_request_copy, remora_capture_request_free)

static void
iface_free (gpointer data)
{
  RemoraCaptureRequestIface *iface = data;

  g_free (iface->name);
  g_free (iface->filter);
  g_free (iface);
}

RemoraCaptureRequest *
remora_capture_request_new (void)
{
  RemoraCaptureRequest *request = g_new0 (RemoraCaptureRequest, 1);

  request->interfaces = g_ptr_array_new_with_free_func (iface_free);
  request->promiscuous_all = TRUE;
  request->update_list = TRUE;
  request->auto_scroll = TRUE;
  return request;
}

RemoraCaptureRequest *
remora_capture_request_copy (const RemoraCaptureRequest *request)
{
  RemoraCaptureRequest *copy;

  g_return_val_if_fail (request != NULL, NULL);

  copy = g_new (RemoraCaptureRequest, 1);
  *copy = *request;
  copy->interfaces = g_ptr_array_new_with_free_func (iface_free);
  copy->output = g_strdup (request->output);
  for (guint i = 0; i < request->interfaces->len; i++)
    {
      const RemoraCaptureRequestIface *from = g_ptr_array_index (request->interfaces, i);
      RemoraCaptureRequestIface *to = g_new (RemoraCaptureRequestIface, 1);

      *to = *from;
      to->name = g_strdup (from->name);
      to->filter = g_strdup (from->filter);
      g_ptr_array_add (copy->interfaces, to);
    }
  return copy;
}

void
remora_capture_request_free (RemoraCaptureRequest *request)
{
  if (request == NULL)
    return;
  g_ptr_array_unref (request->interfaces);
  g_free (request->output);
  g_free (request);
}

RemoraCaptureRequestIface *
remora_capture_request_add_interface (RemoraCaptureRequest *request,
                                      const char           *name)
{
  RemoraCaptureRequestIface *iface;

  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  iface = g_new0 (RemoraCaptureRequestIface, 1);
  iface->name = g_strdup (name);
  iface->promiscuous = TRUE;
  g_ptr_array_add (request->interfaces, iface);
  return iface;
}

gboolean
remora_capture_request_iface_is_promiscuous (const RemoraCaptureRequest      *request,
                                             const RemoraCaptureRequestIface *iface)
{
  g_return_val_if_fail (request != NULL && iface != NULL, FALSE);

  return request->promiscuous_all || iface->promiscuous;
}

static void
add (GPtrArray  *args,
     const char *option,
     char       *value)
{
  g_ptr_array_add (args, g_strdup (option));
  if (value != NULL)
    g_ptr_array_add (args, value);
}

GStrv
remora_capture_request_to_args (const RemoraCaptureRequest *request)
{
  GPtrArray *args;

  g_return_val_if_fail (request != NULL, NULL);

  args = g_ptr_array_new ();
  /* -p, -f, -s and -B follow their -i: the helper applies them to the
   * interface named last. */
  for (guint i = 0; i < request->interfaces->len; i++)
    {
      const RemoraCaptureRequestIface *iface = g_ptr_array_index (request->interfaces, i);

      add (args, "-i", g_strdup (iface->name));
      if (!remora_capture_request_iface_is_promiscuous (request, iface))
        add (args, "-p", NULL);
      if (iface->filter != NULL && iface->filter[0] != '\0')
        add (args, "-f", g_strdup (iface->filter));
      if (iface->snaplen > 0)
        add (args, "-s", g_strdup_printf ("%u", iface->snaplen));
      if (iface->buffer_mib > 0)
        add (args, "-B", g_strdup_printf ("%u", iface->buffer_mib));
    }

  if (request->stop_packets > 0)
    add (args, "-a", g_strdup_printf ("packets:%" G_GUINT64_FORMAT, request->stop_packets));
  if (request->stop_duration > 0)
    {
      char number[G_ASCII_DTOSTR_BUF_SIZE];

      add (args, "-a", g_strconcat ("duration:",
                                    g_ascii_dtostr (number, sizeof number, request->stop_duration),
                                    NULL));
    }
  if (request->stop_filesize_kb > 0)
    add (args, "-a", g_strdup_printf ("filesize:%" G_GUINT64_FORMAT, request->stop_filesize_kb));

  /* The helper refuses a ring buffer on a pipe: only with a file. */
  if (request->output != NULL && request->output[0] != '\0' && request->ring_filesize_kb > 0)
    {
      if (request->ring_files > 0)
        add (args, "-b", g_strdup_printf ("filesize:%" G_GUINT64_FORMAT ",files:%u",
                                          request->ring_filesize_kb, request->ring_files));
      else
        add (args, "-b", g_strdup_printf ("filesize:%" G_GUINT64_FORMAT, request->ring_filesize_kb));
    }
  add (args, "-w", g_strdup (request->output != NULL && request->output[0] != '\0'
                             ? request->output : "-"));
  g_ptr_array_add (args, NULL);
  return (GStrv) g_ptr_array_free (args, FALSE);
}
