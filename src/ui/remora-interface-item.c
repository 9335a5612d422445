/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-interface-item"

#include "config.h"

#include "remora-interface-item.h"

#include <string.h>

struct _RemoraInterfaceItem {
  GObject              parent_instance;

  RemoraInterfaceInfo *info;
  gboolean             have_base;
  guint64              base;        /* counter at the first sample */
  guint64              last;
  gint64               last_time;
  guint64              packets;
  double               samples[REMORA_INTERFACE_ITEM_N_SAMPLES];
};

enum {
  PROP_0,
  PROP_NAME,
  PROP_PACKETS,
  PROP_RATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RemoraInterfaceItem, remora_interface_item, G_TYPE_OBJECT)

static void
remora_interface_item_finalize (GObject *object)
{
  RemoraInterfaceItem *self = REMORA_INTERFACE_ITEM (object);

  remora_interface_info_free (self->info);
  G_OBJECT_CLASS (remora_interface_item_parent_class)->finalize (object);
}

static void
remora_interface_item_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  RemoraInterfaceItem *self = REMORA_INTERFACE_ITEM (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->info->name);
      break;
    case PROP_PACKETS:
      g_value_set_uint64 (value, self->packets);
      break;
    case PROP_RATE:
      g_value_set_double (value, remora_interface_item_get_rate (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remora_interface_item_class_init (RemoraInterfaceItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = remora_interface_item_finalize;
  object_class->get_property = remora_interface_item_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PACKETS] =
    g_param_spec_uint64 ("packets", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RATE] =
    g_param_spec_double ("rate", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
remora_interface_item_init (RemoraInterfaceItem *self)
{
}

RemoraInterfaceItem *
remora_interface_item_new (const RemoraInterfaceInfo *info)
{
  RemoraInterfaceItem *self;

  g_return_val_if_fail (info != NULL, NULL);

  self = g_object_new (REMORA_TYPE_INTERFACE_ITEM, NULL);
  self->info = g_new0 (RemoraInterfaceInfo, 1);
  self->info->name = g_strdup (info->name);
  self->info->description = g_strdup (info->description);
  self->info->addresses = g_strdupv (info->addresses);
  self->info->link_type = info->link_type;
  self->info->link_type_name = g_strdup (info->link_type_name);
  self->info->flags = info->flags;
  return self;
}

const RemoraInterfaceInfo *
remora_interface_item_get_info (RemoraInterfaceItem *self)
{
  g_return_val_if_fail (REMORA_IS_INTERFACE_ITEM (self), NULL);

  return self->info;
}

const char *
remora_interface_item_get_name (RemoraInterfaceItem *self)
{
  g_return_val_if_fail (REMORA_IS_INTERFACE_ITEM (self), NULL);

  return self->info->name;
}

char *
remora_interface_item_dup_addresses_text (RemoraInterfaceItem *self)
{
  g_return_val_if_fail (REMORA_IS_INTERFACE_ITEM (self), NULL);

  return g_strjoinv (", ", self->info->addresses);
}

void
remora_interface_item_sample (RemoraInterfaceItem *self)
{
  gint64 now = g_get_monotonic_time ();
  guint64 count;
  double rate = 0;

  g_return_if_fail (REMORA_IS_INTERFACE_ITEM (self));

  if (!remora_interface_read_packet_count (self->info->name, &count))
    return;
  if (!self->have_base)
    {
      self->have_base = TRUE;
      self->base = self->last = count;
      self->last_time = now;
      return;
    }
  /* A counter that went back (the interface was recreated): start over. */
  if (count < self->last)
    self->base = self->last = count;
  if (now > self->last_time)
    rate = (double) (count - self->last) * G_USEC_PER_SEC / (double) (now - self->last_time);
  self->last = count;
  self->last_time = now;
  memmove (self->samples, self->samples + 1, sizeof self->samples - sizeof self->samples[0]);
  self->samples[REMORA_INTERFACE_ITEM_N_SAMPLES - 1] = rate;

  if (self->packets != count - self->base)
    {
      self->packets = count - self->base;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PACKETS]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATE]);
}

guint64
remora_interface_item_get_packets (RemoraInterfaceItem *self)
{
  g_return_val_if_fail (REMORA_IS_INTERFACE_ITEM (self), 0);

  return self->packets;
}

double
remora_interface_item_get_rate (RemoraInterfaceItem *self)
{
  g_return_val_if_fail (REMORA_IS_INTERFACE_ITEM (self), 0);

  return self->samples[REMORA_INTERFACE_ITEM_N_SAMPLES - 1];
}

const double *
remora_interface_item_get_samples (RemoraInterfaceItem *self,
                                   guint               *n_samples)
{
  g_return_val_if_fail (REMORA_IS_INTERFACE_ITEM (self), NULL);

  *n_samples = REMORA_INTERFACE_ITEM_N_SAMPLES;
  return self->samples;
}

typedef struct {
  GListStore                 *store;
  RemoraInterfaceStoreLoaded  callback;
  gpointer                    user_data;
} LoadData;

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  LoadData *data = user_data;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *problem = NULL;
  g_autoptr(GError) error = NULL;

  list = remora_interface_list_load_finish (result, &problem, &error);
  if (list != NULL)
    {
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < list->len; i++)
        {
          RemoraInterfaceItem *item = remora_interface_item_new (g_ptr_array_index (list, i));

          /* A first reading now, so the first tick already shows a rate. */
          remora_interface_item_sample (item);
          g_ptr_array_add (items, item);
        }
      g_list_store_splice (data->store, 0, g_list_model_get_n_items (G_LIST_MODEL (data->store)),
                           items->pdata, items->len);
      if (data->callback != NULL)
        data->callback (data->store, problem, data->user_data);
    }
  g_object_unref (data->store);
  g_free (data);
}

void
remora_interface_store_load (GListStore                 *store,
                             GCancellable               *cancellable,
                             RemoraInterfaceStoreLoaded  callback,
                             gpointer                    user_data)
{
  LoadData *data = g_new0 (LoadData, 1);

  g_return_if_fail (G_IS_LIST_STORE (store));

  data->store = g_object_ref (store);
  data->callback = callback;
  data->user_data = user_data;
  remora_interface_list_load_async (cancellable, on_loaded, data);
}

void
remora_interface_store_sample (GListModel *store)
{
  guint n = g_list_model_get_n_items (store);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RemoraInterfaceItem) item = g_list_model_get_item (store, i);

      remora_interface_item_sample (item);
    }
}
