/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-packet-list"

#include "config.h"

#include "remora-packet-list.h"

#include "remora-capture-document.h"
#include "remora-packet-row.h"

/* Every frame of the document, in capture order: position N is frame N + 1.
 * Rows are made in get_item and dropped by whoever asked for them, so a
 * million-packet capture costs the list nothing but its length. */
struct _RemoraPacketList
{
  GObject                parent_instance;

  RemoraCaptureDocument *document;
  gulong                 n_frames_handler;
  guint                  n_items;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RemoraPacketList, remora_packet_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* The only place that emits items-changed, so n_items is always the
 * length the last emission announced. */
static void
remora_packet_list_items_changed (RemoraPacketList *self,
                                  guint             position,
                                  guint             removed,
                                  guint             added)
{
  g_assert (REMORA_IS_PACKET_LIST (self));
  g_assert (position + removed <= self->n_items);

  if (removed == 0 && added == 0)
    return;

  self->n_items = self->n_items - removed + added;
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_ITEMS]);
}

/* Frames are only ever appended to a document, so a longer document
 * grows the tail. */
static void
remora_packet_list_sync_length (RemoraPacketList *self)
{
  guint n_frames = self->document != NULL ? remora_capture_document_get_n_frames (self->document) : 0;

  if (n_frames > self->n_items)
    remora_packet_list_items_changed (self, self->n_items, 0, n_frames - self->n_items);
  else if (n_frames < self->n_items)
    remora_packet_list_items_changed (self, n_frames, self->n_items - n_frames, 0);
}

static void
on_n_frames_changed (RemoraPacketList      *self,
                     GParamSpec            *pspec,
                     RemoraCaptureDocument *document)
{
  remora_packet_list_sync_length (self);
}

static GType
remora_packet_list_get_item_type (GListModel *model)
{
  return REMORA_TYPE_PACKET_ROW;
}

static guint
remora_packet_list_get_n_items (GListModel *model)
{
  return REMORA_PACKET_LIST (model)->n_items;
}

static gpointer
remora_packet_list_get_item (GListModel *model,
                             guint       position)
{
  RemoraPacketList *self = REMORA_PACKET_LIST (model);

  if (position >= self->n_items)
    return NULL;

  return remora_packet_row_new (self->document, position + 1);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = remora_packet_list_get_item_type;
  iface->get_n_items = remora_packet_list_get_n_items;
  iface->get_item = remora_packet_list_get_item;
}

RemoraPacketList *
remora_packet_list_new (RemoraCaptureDocument *document)
{
  g_return_val_if_fail (!document || REMORA_IS_CAPTURE_DOCUMENT (document), NULL);

  return g_object_new (REMORA_TYPE_PACKET_LIST,
                       "document", document,
                       NULL);
}

RemoraCaptureDocument *
remora_packet_list_get_document (RemoraPacketList *self)
{
  g_return_val_if_fail (REMORA_IS_PACKET_LIST (self), NULL);

  return self->document;
}

void
remora_packet_list_set_document (RemoraPacketList      *self,
                                 RemoraCaptureDocument *document)
{
  guint new_n_items;

  g_return_if_fail (REMORA_IS_PACKET_LIST (self));
  g_return_if_fail (!document || REMORA_IS_CAPTURE_DOCUMENT (document));

  if (self->document == document)
    return;

  if (self->document != NULL)
    g_clear_signal_handler (&self->n_frames_handler, self->document);
  g_set_object (&self->document, document);
  if (document != NULL)
    self->n_frames_handler =
      g_signal_connect_object (document, "notify::n-frames",
                               G_CALLBACK (on_n_frames_changed), self,
                               G_CONNECT_SWAPPED);

  /* Another capture: every old row goes, every new one comes. */
  new_n_items = document != NULL ? remora_capture_document_get_n_frames (document) : 0;
  remora_packet_list_items_changed (self, 0, self->n_items, new_n_items);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DOCUMENT]);
}

static void
remora_packet_list_dispose (GObject *object)
{
  RemoraPacketList *self = REMORA_PACKET_LIST (object);

  if (self->document != NULL)
    g_clear_signal_handler (&self->n_frames_handler, self->document);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (remora_packet_list_parent_class)->dispose (object);
}

static void
remora_packet_list_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  RemoraPacketList *self = REMORA_PACKET_LIST (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remora_packet_list_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  RemoraPacketList *self = REMORA_PACKET_LIST (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      remora_packet_list_set_document (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remora_packet_list_class_init (RemoraPacketListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = remora_packet_list_dispose;
  object_class->get_property = remora_packet_list_get_property;
  object_class->set_property = remora_packet_list_set_property;

  properties [PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         REMORA_TYPE_CAPTURE_DOCUMENT,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* GListModel has no such property before GLib 2.76. */
  properties [PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
remora_packet_list_init (RemoraPacketList *self)
{
}
