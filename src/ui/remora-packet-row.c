/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-packet-row"

#include "config.h"

#include "remora-packet-row.h"

#include "remora-capture-document.h"

/* A row lives only while something (a bound list item) holds it: the
 * packet list makes one per get_item call, never one per packet. */
struct _RemoraPacketRow
{
  GObject                parent_instance;

  RemoraCaptureDocument *document;
  RemoraPacketSummary   *summary;
  guint                  number;
};

G_DEFINE_FINAL_TYPE (RemoraPacketRow, remora_packet_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_NUMBER,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

RemoraPacketRow *
remora_packet_row_new (RemoraCaptureDocument *document,
                       guint                  number)
{
  g_return_val_if_fail (REMORA_IS_CAPTURE_DOCUMENT (document), NULL);
  g_return_val_if_fail (number > 0, NULL);

  return g_object_new (REMORA_TYPE_PACKET_ROW,
                       "document", document,
                       "number", number,
                       NULL);
}

RemoraCaptureDocument *
remora_packet_row_get_document (RemoraPacketRow *self)
{
  g_return_val_if_fail (REMORA_IS_PACKET_ROW (self), NULL);

  return self->document;
}

guint
remora_packet_row_get_number (RemoraPacketRow *self)
{
  g_return_val_if_fail (REMORA_IS_PACKET_ROW (self), 0);

  return self->number;
}

const char *
remora_packet_row_get_text (RemoraPacketRow *self,
                            RemoraColumn     column)
{
  g_return_val_if_fail (REMORA_IS_PACKET_ROW (self), NULL);
  g_return_val_if_fail (column < REMORA_N_COLUMNS, NULL);

  if (self->summary == NULL)
    self->summary = remora_capture_document_ref_summary (self->document, self->number);
  if (self->summary == NULL)
    return "";

  return remora_packet_summary_get_text (self->summary, column);
}

int
remora_packet_row_get_color_rule (RemoraPacketRow *self)
{
  g_return_val_if_fail (REMORA_IS_PACKET_ROW (self), -1);

  if (self->summary == NULL)
    self->summary = remora_capture_document_ref_summary (self->document, self->number);
  if (self->summary == NULL)
    return -1;

  return remora_packet_summary_get_color_rule (self->summary);
}

static void
remora_packet_row_dispose (GObject *object)
{
  RemoraPacketRow *self = REMORA_PACKET_ROW (object);

  g_clear_pointer (&self->summary, remora_packet_summary_unref);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (remora_packet_row_parent_class)->dispose (object);
}

static void
remora_packet_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RemoraPacketRow *self = REMORA_PACKET_ROW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_NUMBER:
      g_value_set_uint (value, self->number);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remora_packet_row_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  RemoraPacketRow *self = REMORA_PACKET_ROW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;

    case PROP_NUMBER:
      self->number = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remora_packet_row_class_init (RemoraPacketRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = remora_packet_row_dispose;
  object_class->get_property = remora_packet_row_get_property;
  object_class->set_property = remora_packet_row_set_property;

  properties [PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         REMORA_TYPE_CAPTURE_DOCUMENT,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties [PROP_NUMBER] =
    g_param_spec_uint ("number", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE |
                        G_PARAM_CONSTRUCT_ONLY |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
remora_packet_row_init (RemoraPacketRow *self)
{
}
