/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-media"

#include "config.h"

#include "remora-dissectors.h"

/* "Media Type": a body of a media type no dissector reads, kept whole
 * with its type.  The caller passes the media type ("image/png") as DATA. */

static int proto_media;
static int hf_media_type;

static RemoraFieldDef media_fields[] = {
  { &hf_media_type, { "Media type", "media.type", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
};

static int
dissect_media (const RemoraTvb *tvb,
               RemoraPacket    *pkt,
               RemoraItem       tree,
               void            *data)
{
  const char *media_type = data;
  guint32 len = remora_tvb_reported_remaining (tvb, 0);
  RemoraItem ti, it;

  if (len == 0)
    return 0;
  if (media_type != NULL)
    remora_col_append_info (pkt, " (%s)", media_type);
  ti = remora_add_protocol (pkt, tree, proto_media, tvb, 0, len);
  it = remora_add_item (pkt, ti, hf_media_type, tvb, 0, len, REMORA_ENC_NA);
  remora_item_set_text (pkt, it, "Media type: %s (%u byte%s)", media_type ? media_type : "",
                        len, len == 1 ? "" : "s");
  return (int) len;
}

void
remora_register_media (void)
{
  proto_media = remora_proto_register ("Media Type", "Media", "media");
  remora_fields_register (proto_media, media_fields, G_N_ELEMENTS (media_fields));
  remora_dissector_register ("media", proto_media, dissect_media);
}

void
remora_handoff_media (void)
{
}
