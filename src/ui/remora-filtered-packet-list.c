/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-filtered-packet-list"

#include "config.h"

#include "remora-filtered-packet-list.h"

#include "remora-capture-document.h"
#include "remora-packet-row.h"

/* The displayed frames of a document:
 *
 *   RemoraCaptureDocument
 *     -> RemoraDisplayIndex          nth -> frame number (NULL: every frame)
 *     -> RemoraFilteredPacketList    GListModel of RemoraPacketRow, made in get_item
 *
 * A new index replaces the old one with a single items-changed that
 * spans only the rows that differ, so a list view keeps its scroll
 * position and selection where the two filters agree.
 */
struct _RemoraFilteredPacketList
{
  GObject                parent_instance;

  RemoraCaptureDocument *document;
  RemoraDisplayIndex    *index;
  gulong                 n_frames_handler;
  guint                  n_items;   /* the rows shown: what the last items-changed announced */
  guint                  target;    /* the rows the list is heading to; n_items once the ramp is over */
  /* The next step of the first rows (see GROW_RAMP_*). */
  guint                  grow_ramp_id;
};

/* GTK 4.8's list view builds a row widget for each of the first couple of
 * hundred items of a list at once, which holds the main loop for 80 ms
 * and more.  So when a list would go from few rows to many at once (a live
 * capture's first big batch, a display filter's result, the filter
 * cleared), the first rows join a few dozen at a time, one step per frame
 * of the display, and the rest at once after them. */
#define GROW_RAMP_ITEMS       256
#define GROW_RAMP_STEP        32
#define GROW_RAMP_INTERVAL_MS 16

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RemoraFilteredPacketList, remora_filtered_packet_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_INDEX,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* The only place that emits items-changed, so n_items is always the
 * length the last emission announced. */
static void
remora_filtered_packet_list_items_changed (RemoraFilteredPacketList *self,
                                           guint                     position,
                                           guint                     removed,
                                           guint                     added)
{
  g_assert (REMORA_IS_FILTERED_PACKET_LIST (self));
  g_assert (position + removed <= self->n_items);

  if (removed == 0 && added == 0)
    return;

  self->n_items = self->n_items - removed + added;
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_ITEMS]);
}

static guint
document_n_frames (RemoraFilteredPacketList *self)
{
  return self->document != NULL ? remora_capture_document_get_n_frames (self->document) : 0;
}

static guint32
frame_at (const RemoraDisplayIndex *index,
          guint                     position)
{
  if (index == NULL)
    return position + 1;
  return remora_display_index_get_frame (index, position);
}

static void on_n_frames_changed (RemoraFilteredPacketList *self,
                                 GParamSpec               *pspec,
                                 RemoraCaptureDocument    *document);

static gboolean grow_ramp_cb (gpointer data);

/* Announces ADDED rows at POSITION in place of REMOVED, heading for TARGET
 * rows in all: when RAMP allows and few rows are shown yet, only the first
 * step of them now and the next ones from a timeout. */
static void
change_rows (RemoraFilteredPacketList *self,
             guint                     position,
             guint                     removed,
             guint                     added,
             guint                     target,
             gboolean                  ramp)
{
  guint shown = added;

  if (ramp && position + removed == self->n_items && position < GROW_RAMP_ITEMS &&
      added > GROW_RAMP_STEP)
    shown = GROW_RAMP_STEP;
  self->target = target;
  if (shown < added && self->grow_ramp_id == 0)
    {
      self->grow_ramp_id = g_timeout_add (GROW_RAMP_INTERVAL_MS, grow_ramp_cb, self);
      g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->grow_ramp_id),
                                "[remora] first rows");
    }
  else if (shown == added)
    g_clear_handle_id (&self->grow_ramp_id, g_source_remove);
  remora_filtered_packet_list_items_changed (self, position, removed, shown);
}

static gboolean
grow_ramp_cb (gpointer data)
{
  RemoraFilteredPacketList *self = data;

  self->grow_ramp_id = 0;
  if (self->n_items < self->target)
    change_rows (self, self->n_items, 0, self->target - self->n_items, self->target,
                 self->n_items < GROW_RAMP_ITEMS);
  return G_SOURCE_REMOVE;
}

/* Shows every row the list is heading to at once: one of them is about to
 * be selected or scrolled to. */
static void
finish_ramp (RemoraFilteredPacketList *self)
{
  if (self->n_items < self->target)
    change_rows (self, self->n_items, 0, self->target - self->n_items, self->target, FALSE);
}

/* Without an index the list is the whole document, and frames are only
 * ever appended to a document: a longer document grows the tail. */
static void
on_n_frames_changed (RemoraFilteredPacketList *self,
                     GParamSpec               *pspec,
                     RemoraCaptureDocument    *document)
{
  guint n_frames;

  if (self->index != NULL)
    return;

  n_frames = document_n_frames (self);
  if (n_frames > self->n_items)
    /* A file being loaded hands its first frames over in steps itself. */
    change_rows (self, self->n_items, 0, n_frames - self->n_items, n_frames,
                 remora_capture_document_get_live (self->document));
  else if (n_frames < self->n_items)
    change_rows (self, n_frames, self->n_items - n_frames, 0, n_frames, FALSE);
}

static GType
remora_filtered_packet_list_get_item_type (GListModel *model)
{
  return REMORA_TYPE_PACKET_ROW;
}

static guint
remora_filtered_packet_list_get_n_items (GListModel *model)
{
  return REMORA_FILTERED_PACKET_LIST (model)->n_items;
}

static gpointer
remora_filtered_packet_list_get_item (GListModel *model,
                                      guint       position)
{
  RemoraFilteredPacketList *self = REMORA_FILTERED_PACKET_LIST (model);
  guint32 number;

  if (position >= self->n_items || self->document == NULL)
    return NULL;

  number = frame_at (self->index, position);
  if (number == 0)
    return NULL;
  return remora_packet_row_new (self->document, number);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = remora_filtered_packet_list_get_item_type;
  iface->get_n_items = remora_filtered_packet_list_get_n_items;
  iface->get_item = remora_filtered_packet_list_get_item;
}

RemoraFilteredPacketList *
remora_filtered_packet_list_new (RemoraCaptureDocument *document)
{
  g_return_val_if_fail (!document || REMORA_IS_CAPTURE_DOCUMENT (document), NULL);

  return g_object_new (REMORA_TYPE_FILTERED_PACKET_LIST,
                       "document", document,
                       NULL);
}

RemoraCaptureDocument *
remora_filtered_packet_list_get_document (RemoraFilteredPacketList *self)
{
  g_return_val_if_fail (REMORA_IS_FILTERED_PACKET_LIST (self), NULL);

  return self->document;
}

void
remora_filtered_packet_list_set_document (RemoraFilteredPacketList *self,
                                          RemoraCaptureDocument    *document)
{
  gboolean had_index;

  g_return_if_fail (REMORA_IS_FILTERED_PACKET_LIST (self));
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

  /* Another capture: its frame numbers mean other packets, so an index
   * computed for the old one cannot carry over. */
  had_index = self->index != NULL;
  g_clear_pointer (&self->index, remora_display_index_unref);
  change_rows (self, 0, self->n_items, document_n_frames (self), document_n_frames (self), FALSE);

  g_object_freeze_notify (G_OBJECT (self));
  if (had_index)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_INDEX]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DOCUMENT]);
  g_object_thaw_notify (G_OBJECT (self));
}

RemoraDisplayIndex *
remora_filtered_packet_list_get_index (RemoraFilteredPacketList *self)
{
  g_return_val_if_fail (REMORA_IS_FILTERED_PACKET_LIST (self), NULL);

  return self->index;
}

void
remora_filtered_packet_list_set_index (RemoraFilteredPacketList *self,
                                       RemoraDisplayIndex       *index)
{
  RemoraDisplayIndex *old;
  guint old_n, new_n;
  guint prefix = 0;
  guint suffix = 0;

  g_return_if_fail (REMORA_IS_FILTERED_PACKET_LIST (self));
  g_return_if_fail (!index || remora_display_index_has_frames (index));

  if (self->index == index)
    return;

  /* An "all frames" index is the same as none, and none follows the
   * document as it grows. */
  if (index != NULL && remora_display_index_is_all (index))
    index = NULL;
  if (self->index == index)
    return;

  old = g_steal_pointer (&self->index);
  old_n = self->n_items;
  self->index = index != NULL ? remora_display_index_ref (index) : NULL;
  new_n = index != NULL ? remora_display_index_get_n_displayed (index) : document_n_frames (self);

  /* Rows both lists share at the ends stay put; one emission covers the
   * middle.  Linear, a few milliseconds for a million frames. */
  while (prefix < old_n && prefix < new_n &&
         frame_at (old, prefix) == frame_at (self->index, prefix))
    prefix++;
  while (suffix < old_n - prefix && suffix < new_n - prefix &&
         frame_at (old, old_n - 1 - suffix) ==
         frame_at (self->index, new_n - 1 - suffix))
    suffix++;

  /* Rows that join in steps go at the end of the list: a kept tail
   * would leave a gap before it. */
  if (prefix < GROW_RAMP_ITEMS && new_n - prefix - suffix > GROW_RAMP_STEP)
    suffix = 0;
  change_rows (self, prefix, old_n - prefix - suffix, new_n - prefix - suffix, new_n, TRUE);
  g_clear_pointer (&old, remora_display_index_unref);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_INDEX]);
}

void
remora_filtered_packet_list_grow_index (RemoraFilteredPacketList *self,
                                        RemoraDisplayIndex       *index)
{
  guint old_n;
  guint new_n;

  g_return_if_fail (REMORA_IS_FILTERED_PACKET_LIST (self));
  g_return_if_fail (index != NULL && remora_display_index_has_frames (index));
  g_return_if_fail (self->index != NULL && !remora_display_index_is_all (index));
  g_return_if_fail (remora_display_index_get_n_displayed (index) >= self->n_items);

  /* The rows shown stay the first ones: spot-check the seam only.  Rows
   * still to join from a ramp join with the new ones, in one append. */
  old_n = self->n_items;
  g_return_if_fail (old_n == 0 ||
                    frame_at (self->index, old_n - 1) == frame_at (index, old_n - 1));

  new_n = remora_display_index_get_n_displayed (index);
  g_clear_pointer (&self->index, remora_display_index_unref);
  self->index = remora_display_index_ref (index);
  change_rows (self, old_n, 0, new_n - old_n, new_n, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_INDEX]);
}

guint
remora_filtered_packet_list_get_frame_number (RemoraFilteredPacketList *self,
                                              guint                     position)
{
  g_return_val_if_fail (REMORA_IS_FILTERED_PACKET_LIST (self), 0);

  if (position >= self->n_items)
    return 0;
  return frame_at (self->index, position);
}

guint
remora_filtered_packet_list_get_displayed_before (RemoraFilteredPacketList *self,
                                                  guint                     number)
{
  RemoraDisplayIndex *unsorted;
  guint nth;

  g_return_val_if_fail (REMORA_IS_FILTERED_PACKET_LIST (self), 0);

  if (self->index == NULL)
    return number >= 2 && number <= self->target ? number - 1 : 0;
  unsorted = remora_display_index_get_unsorted (self->index);
  if (!remora_display_index_find (unsorted, number, &nth) || nth == 0)
    return 0;
  return remora_display_index_get_frame (unsorted, nth - 1);
}

guint
remora_filtered_packet_list_find_frame (RemoraFilteredPacketList *self,
                                        guint                     number)
{
  guint nth;

  g_return_val_if_fail (REMORA_IS_FILTERED_PACKET_LIST (self), G_MAXUINT);

  if (self->index == NULL)
    nth = number >= 1 && number <= self->target ? number - 1 : G_MAXUINT;
  else if (!remora_display_index_find (self->index, number, &nth))
    nth = G_MAXUINT;
  if (nth != G_MAXUINT)
    remora_filtered_packet_list_show_position (self, nth);
  return nth;
}

guint
remora_filtered_packet_list_get_n_displayed (RemoraFilteredPacketList *self)
{
  g_return_val_if_fail (REMORA_IS_FILTERED_PACKET_LIST (self), 0);

  return self->target;
}

void
remora_filtered_packet_list_show_position (RemoraFilteredPacketList *self,
                                           guint                     position)
{
  g_return_if_fail (REMORA_IS_FILTERED_PACKET_LIST (self));

  if (position >= self->n_items && position < self->target)
    finish_ramp (self);
}

static void
remora_filtered_packet_list_dispose (GObject *object)
{
  RemoraFilteredPacketList *self = REMORA_FILTERED_PACKET_LIST (object);

  g_clear_handle_id (&self->grow_ramp_id, g_source_remove);
  if (self->document != NULL)
    g_clear_signal_handler (&self->n_frames_handler, self->document);
  g_clear_object (&self->document);
  g_clear_pointer (&self->index, remora_display_index_unref);

  G_OBJECT_CLASS (remora_filtered_packet_list_parent_class)->dispose (object);
}

static void
remora_filtered_packet_list_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  RemoraFilteredPacketList *self = REMORA_FILTERED_PACKET_LIST (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_INDEX:
      g_value_set_boxed (value, self->index);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remora_filtered_packet_list_set_property (GObject      *object,
                                          guint         prop_id,
                                          const GValue *value,
                                          GParamSpec   *pspec)
{
  RemoraFilteredPacketList *self = REMORA_FILTERED_PACKET_LIST (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      remora_filtered_packet_list_set_document (self, g_value_get_object (value));
      break;

    case PROP_INDEX:
      remora_filtered_packet_list_set_index (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remora_filtered_packet_list_class_init (RemoraFilteredPacketListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = remora_filtered_packet_list_dispose;
  object_class->get_property = remora_filtered_packet_list_get_property;
  object_class->set_property = remora_filtered_packet_list_set_property;

  properties [PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         REMORA_TYPE_CAPTURE_DOCUMENT,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties [PROP_INDEX] =
    g_param_spec_boxed ("index", NULL, NULL,
                        REMORA_TYPE_DISPLAY_INDEX,
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
remora_filtered_packet_list_init (RemoraFilteredPacketList *self)
{
}
