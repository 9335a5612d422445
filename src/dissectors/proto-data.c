/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-data"

#include "config.h"

#include "remora-dissectors.h"

/* Payload no dissector claims: shown as raw bytes with their length. */

static int proto_data;
static int hf_data_data;
static int hf_data_len;

static RemoraFieldDef data_fields[] = {
  { &hf_data_data, { "Data", "data.data", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_data_len, { "Length", "data.len", REMORA_FT_INT32, REMORA_BASE_DEC, NULL, 0, NULL } },
};

static int
dissect_data (const RemoraTvb *tvb,
              RemoraPacket    *pkt,
              RemoraItem       tree,
              void            *data)
{
  /* Only the bytes the capture kept: a snapshot-length cut is not a fault
   * of the payload, and tshark shows the data it has without a note. */
  guint32 len = remora_tvb_captured_remaining (tvb, 0);
  RemoraItem ti;

  if (len == 0)
    return 0;

  ti = remora_add_protocol (pkt, tree, proto_data, tvb, 0, len);
  remora_item_set_text (pkt, ti, "Data (%u byte%s)", len, len == 1 ? "" : "s");
  remora_add_item (pkt, ti, hf_data_data, tvb, 0, len, REMORA_ENC_NA);
  remora_item_set_generated (pkt, remora_add_int (pkt, ti, hf_data_len, tvb, 0, 0, len));
  return (int) len;
}

void
remora_register_data (void)
{
  proto_data = remora_proto_register ("Data", "Data", "data");
  remora_fields_register (proto_data, data_fields, G_N_ELEMENTS (data_fields));
  remora_dissector_register ("data", proto_data, dissect_data);
}

void
remora_handoff_data (void)
{
}
