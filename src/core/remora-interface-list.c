/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-interface-list"

#include "config.h"

#include "remora-interface-list.h"

#include <string.h>

#include "remora-capture-session.h"

/* IFF_* bits of /sys/class/net/IF/flags (linux/if.h), for the fallback. */
#define SYS_IFF_UP       0x1
#define SYS_IFF_LOOPBACK 0x8
#define SYS_IFF_RUNNING  0x40

void
remora_interface_info_free (RemoraInterfaceInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info->description);
  g_strfreev (info->addresses);
  g_free (info->link_type_name);
  g_free (info);
}

static RemoraInterfaceInfo *
info_new_any (void)
{
  RemoraInterfaceInfo *info = g_new0 (RemoraInterfaceInfo, 1);

  /* What libpcap says of it on Linux. */
  info->name = g_strdup ("any");
  info->description = g_strdup ("Pseudo-device that captures on all interfaces");
  info->addresses = g_new0 (char *, 1);
  info->link_type = 113;
  info->link_type_name = g_strdup ("Linux cooked v1");
  info->flags = REMORA_INTERFACE_UP | REMORA_INTERFACE_RUNNING;
  return info;
}

static RemoraInterfaceFlags
parse_flags (const char *text)
{
  g_auto(GStrv) words = g_strsplit (text, ",", -1);
  RemoraInterfaceFlags flags = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (strcmp (words[i], "up") == 0)
        flags |= REMORA_INTERFACE_UP;
      else if (strcmp (words[i], "loopback") == 0)
        flags |= REMORA_INTERFACE_LOOPBACK;
      else if (strcmp (words[i], "running") == 0)
        flags |= REMORA_INTERFACE_RUNNING;
    }
  return flags;
}

static gboolean
has_interface (GPtrArray  *list,
               const char *name)
{
  for (guint i = 0; i < list->len; i++)
    if (strcmp (((RemoraInterfaceInfo *) g_ptr_array_index (list, i))->name, name) == 0)
      return TRUE;
  return FALSE;
}

GPtrArray *
remora_interface_list_parse (const char *text)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) remora_interface_info_free);
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (text != NULL, list);

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (g_strchomp (lines[i]), "\t", -1);
      RemoraInterfaceInfo *info;
      gint64 link_type;

      if (g_strv_length (fields) != 6 || fields[0][0] == '\0' ||
          !g_ascii_string_to_signed (fields[3], 10, -1, G_MAXINT, &link_type, NULL))
        {
          if (lines[i][0] != '\0')
            g_debug ("Not an interface line: %s", lines[i]);
          continue;
        }
      info = g_new0 (RemoraInterfaceInfo, 1);
      info->name = g_strdup (fields[0]);
      info->description = g_strdup (fields[1]);
      info->addresses = fields[2][0] != '\0' ? g_strsplit (fields[2], ",", -1) : g_new0 (char *, 1);
      info->link_type = (int) link_type;
      info->link_type_name = g_strdup (fields[4]);
      info->flags = parse_flags (fields[5]);
      g_ptr_array_add (list, info);
    }
  if (!has_interface (list, "any"))
    g_ptr_array_add (list, info_new_any ());
  return list;
}

static gboolean
read_sysfs_u64 (const char *name,
                const char *leaf,
                guint64    *out)
{
  g_autofree char *path = g_build_filename ("/sys/class/net", name, leaf, NULL);
  g_autofree char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return FALSE;
  g_strstrip (text);
  /* flags are written in hex ("0x1003"), counters in decimal. */
  if (g_str_has_prefix (text, "0x"))
    return g_ascii_string_to_unsigned (text + 2, 16, 0, G_MAXUINT64, out, NULL);
  return g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64, out, NULL);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* Without the helper: what sysfs tells any user. */
static GPtrArray *
list_from_sysfs (void)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) remora_interface_info_free);
  g_autoptr(GDir) dir = g_dir_open ("/sys/class/net", 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *entry;

  while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (entry));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      RemoraInterfaceInfo *info = g_new0 (RemoraInterfaceInfo, 1);
      guint64 flags = 0, type = 0;

      info->name = g_strdup (name);
      info->description = g_strdup ("");
      info->addresses = g_new0 (char *, 1);
      info->link_type = -1;
      if (read_sysfs_u64 (name, "type", &type) && (type == 1 || type == 772))
        info->link_type = 1;    /* ARPHRD_ETHER, ARPHRD_LOOPBACK: Ethernet headers */
      info->link_type_name = g_strdup (info->link_type == 1 ? "Ethernet" : "unknown");
      if (read_sysfs_u64 (name, "flags", &flags))
        info->flags = ((flags & SYS_IFF_UP) ? REMORA_INTERFACE_UP : 0) |
                      ((flags & SYS_IFF_LOOPBACK) ? REMORA_INTERFACE_LOOPBACK : 0) |
                      ((flags & SYS_IFF_RUNNING) ? REMORA_INTERFACE_RUNNING : 0);
      g_ptr_array_add (list, info);
    }
  g_ptr_array_add (list, info_new_any ());
  return list;
}

static GPtrArray *
finish_listing (GSubprocess  *process,
                const char   *out,
                const char   *err,
                char        **helper_problem)
{
  if (process != NULL && g_subprocess_get_if_exited (process) &&
      g_subprocess_get_exit_status (process) == 0 && out != NULL)
    return remora_interface_list_parse (out);

  if (helper_problem != NULL)
    {
      const char *line = err != NULL ? strstr (err, "error ") : NULL;

      if (line != NULL)
        {
          const char *message = strchr (line + strlen ("error "), ' ');

          *helper_problem = g_strchomp (g_strdup (message != NULL ? message + 1 : line));
        }
      else
        *helper_problem = g_strdup ("remora-capture -D failed");
    }
  return list_from_sysfs ();
}

static GSubprocess *
spawn_lister (GError **error)
{
  g_autofree char *helper = remora_capture_find_helper ();

  return g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                           error, helper, "-D", "--machine", NULL);
}

GPtrArray *
remora_interface_list_load (GCancellable  *cancellable,
                            char         **helper_problem,
                            GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GSubprocess) process = spawn_lister (&local_error);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (process == NULL)
    {
      if (helper_problem != NULL)
        *helper_problem = g_strdup (local_error->message);
      return list_from_sysfs ();
    }
  if (!g_subprocess_communicate_utf8 (process, NULL, cancellable, &out, &err, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (helper_problem != NULL)
        *helper_problem = g_strdup (local_error->message);
      return list_from_sysfs ();
    }
  return finish_listing (process, out, err, helper_problem);
}

typedef struct {
  char      *out;
  char      *err;
  char      *problem;
  GPtrArray *list;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->out);
  g_free (data->err);
  g_free (data->problem);
  g_clear_pointer (&data->list, g_ptr_array_unref);
  g_free (data);
}

static void
on_communicated (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GSubprocess *process = G_SUBPROCESS (source);
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!g_subprocess_communicate_utf8_finish (process, result, &data->out, &data->err, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      data->problem = g_strdup (error->message);
      data->list = list_from_sysfs ();
    }
  else
    data->list = finish_listing (process, data->out, data->err, &data->problem);
  g_task_return_boolean (task, TRUE);
}

void
remora_interface_list_load_async (GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  LoadData *data = g_new0 (LoadData, 1);

  g_task_set_source_tag (task, remora_interface_list_load_async);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  process = spawn_lister (&error);
  if (process == NULL)
    {
      data->problem = g_strdup (error->message);
      data->list = list_from_sysfs ();
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  g_subprocess_communicate_utf8_async (process, NULL, cancellable, on_communicated, task);
}

GPtrArray *
remora_interface_list_load_finish (GAsyncResult  *result,
                                   char         **helper_problem,
                                   GError       **error)
{
  GTask *task = G_TASK (result);
  LoadData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  if (!g_task_propagate_boolean (task, error))
    return NULL;
  data = g_task_get_task_data (task);
  if (helper_problem != NULL)
    *helper_problem = g_steal_pointer (&data->problem);
  return g_steal_pointer (&data->list);
}

gboolean
remora_interface_read_packet_count (const char *name,
                                    guint64    *packets)
{
  guint64 rx = 0, tx = 0;

  g_return_val_if_fail (name != NULL && packets != NULL, FALSE);

  *packets = 0;
  if (strchr (name, '/') != NULL || strcmp (name, ".") == 0 || strcmp (name, "..") == 0)
    return FALSE;
  if (strcmp (name, "any") == 0)
    {
      g_autoptr(GDir) dir = g_dir_open ("/sys/class/net", 0, NULL);
      const char *entry;

      if (dir == NULL)
        return FALSE;
      while ((entry = g_dir_read_name (dir)) != NULL)
        {
          rx = tx = 0;
          read_sysfs_u64 (entry, "statistics/rx_packets", &rx);
          read_sysfs_u64 (entry, "statistics/tx_packets", &tx);
          *packets += rx + tx;
        }
      return TRUE;
    }
  if (!read_sysfs_u64 (name, "statistics/rx_packets", &rx))
    return FALSE;
  read_sysfs_u64 (name, "statistics/tx_packets", &tx);
  *packets = rx + tx;
  return TRUE;
}
