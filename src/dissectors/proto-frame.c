/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-frame"

#include "config.h"

#include "remora-dissectors.h"
#include "remora-capture-reader.h"

/* The frame layer: capture metadata (times, lengths, interface), then the
 * link layer chosen by the interface's link type. */

static int proto_frame;
static int hf_frame_interface_id;
static int hf_frame_interface_name;
static int hf_frame_interface_description;
static int hf_frame_encap_type;
static int hf_frame_time;
static int hf_frame_offset_shift;
static int hf_frame_time_epoch;
static int hf_frame_time_delta;
static int hf_frame_time_delta_displayed;
static int hf_frame_time_relative;
static int hf_frame_number;
static int hf_frame_len;
static int hf_frame_cap_len;
static int hf_frame_marked;
static int hf_frame_ignored;
static int hf_frame_protocols;

static RemoraFieldDef frame_fields[] = {
  { &hf_frame_interface_id, { "Interface id", "frame.interface_id", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_frame_interface_name, { "Interface name", "frame.interface_name", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, "The friendly name for this interface" } },
  { &hf_frame_interface_description, { "Interface description", "frame.interface_description", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, "The description for this interface" } },
  { &hf_frame_encap_type, { "Encapsulation type", "frame.encap_type", REMORA_FT_INT16, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_frame_time, { "Arrival Time", "frame.time", REMORA_FT_ABSOLUTE_TIME, REMORA_ABSOLUTE_TIME_LOCAL, NULL, 0, "Absolute time when this frame was captured" } },
  { &hf_frame_offset_shift, { "Time shift for this packet", "frame.offset_shift", REMORA_FT_RELATIVE_TIME, REMORA_BASE_NONE, NULL, 0, "Time shift applied to this packet" } },
  { &hf_frame_time_epoch, { "Epoch Time", "frame.time_epoch", REMORA_FT_RELATIVE_TIME, REMORA_BASE_NONE, NULL, 0, "Epoch time when this frame was captured" } },
  { &hf_frame_time_delta, { "Time delta from previous captured frame", "frame.time_delta", REMORA_FT_RELATIVE_TIME, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_frame_time_delta_displayed, { "Time delta from previous displayed frame", "frame.time_delta_displayed", REMORA_FT_RELATIVE_TIME, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_frame_time_relative, { "Time since reference or first frame", "frame.time_relative", REMORA_FT_RELATIVE_TIME, REMORA_BASE_NONE, NULL, 0, "Time relative to time reference or first frame" } },
  { &hf_frame_number, { "Frame Number", "frame.number", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_frame_len, { "Frame Length", "frame.len", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, "Frame length on the wire" } },
  { &hf_frame_cap_len, { "Capture Length", "frame.cap_len", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, "Frame length stored into the capture file" } },
  { &hf_frame_marked, { "Frame is marked", "frame.marked", REMORA_FT_BOOLEAN, 0, NULL, 0, "Frame is marked in the GUI" } },
  { &hf_frame_ignored, { "Frame is ignored", "frame.ignored", REMORA_FT_BOOLEAN, 0, NULL, 0, "Frame is ignored by the dissectors" } },
  { &hf_frame_protocols, { "Protocols in frame", "frame.protocols", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, "Protocols carried by this frame" } },
};

/* pcap LINKTYPE_* -> Wireshark's encapsulation number and name, which is
 * what frame.encap_type shows. */
static const struct {
  int         link_type;
  int         encap;
  const char *name;
} encapsulations[] = {
  { REMORA_LINKTYPE_NULL, 15, "NULL/Loopback" },
  { REMORA_LINKTYPE_ETHERNET, 1, "Ethernet" },
  { 6, 2, "Token Ring" },
  { 8, 3, "SLIP" },
  { REMORA_LINKTYPE_PPP, 4, "PPP" },
  { 10, 5, "FDDI" },
  { REMORA_LINKTYPE_PPP_HDLC, 19, "PPP in HDLC-like framing" },
  { REMORA_LINKTYPE_RAW, 7, "Raw IP" },
  { REMORA_LINKTYPE_C_HDLC, 28, "Cisco HDLC" },
  { 105, 20, "IEEE 802.11 Wireless LAN" },
  { 107, 26, "Frame Relay" },
  { REMORA_LINKTYPE_LOOP, 70, "OpenBSD loopback" },
  { REMORA_LINKTYPE_LINUX_SLL, 25, "Linux cooked-mode capture v1" },
  { 127, 23, "IEEE 802.11 plus radiotap radio header" },
  { 129, 9, "Linux ARCNET" },
  { 195, 104, "IEEE 802.15.4 Wireless PAN" },
  { REMORA_LINKTYPE_IPV4, 129, "Raw IPv4" },
  { REMORA_LINKTYPE_IPV6, 130, "Raw IPv6" },
  { REMORA_LINKTYPE_NFLOG, 141, "NFLOG" },
  { REMORA_LINKTYPE_LINUX_SLL2, 210, "Linux cooked-mode capture v2" },
};

static RemoraDissector *frame_dissector;

static void
encapsulation_for (int          link_type,
                   int         *encap,
                   const char **name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (encapsulations); i++)
    if (encapsulations[i].link_type == link_type)
      {
        *encap = encapsulations[i].encap;
        *name = encapsulations[i].name;
        return;
      }
  if (link_type >= 147 && link_type <= 162)
    {
      /* LINKTYPE_USER0..15 */
      static const char *const users[] = {
        "USER 0", "USER 1", "USER 2", "USER 3", "USER 4", "USER 5", "USER 6", "USER 7",
        "USER 8", "USER 9", "USER 10", "USER 11", "USER 12", "USER 13", "USER 14", "USER 15"
      };
      *encap = 45 + (link_type - 147);
      *name = users[link_type - 147];
      return;
    }
  *encap = -1;
  *name = "Unknown";
}

/* "eth:ethertype:ip:tcp", built only when someone asks for it. */
static const char *
protocols_string (RemoraPacket *pkt,
                  gsize        *len_out)
{
  GString *s = g_string_sized_new (64);
  char *copy;

  for (guint i = 0; i < pkt->n_layers; i++)
    {
      const RemoraFieldInfo *info = remora_field_get (pkt->layers[i]);

      if (info == NULL || pkt->layers[i] == proto_frame)
        continue;
      if (s->len)
        g_string_append_c (s, ':');
      g_string_append (s, info->abbrev);
    }
  copy = remora_packet_strndup (pkt, s->str, s->len);
  *len_out = s->len;
  g_string_free (s, TRUE);
  return copy;
}

static int
dissect_frame (const RemoraTvb *tvb,
               RemoraPacket    *pkt,
               RemoraItem       tree,
               void            *data)
{
  const RemoraFrameInput *f = pkt->frame;
  RemoraItem ti, it;
  int encap;
  const char *encap_name;
  RemoraDissector *link;

  encapsulation_for (f->link_type, &encap, &encap_name);
  if (pkt->tree_mode)
    {
      char *name = g_strdup_printf ("Frame (%u bytes)", f->cap_len);
      pkt->sources[0].name = remora_packet_strndup (pkt, name, strlen (name));
      g_free (name);
    }

  ti = remora_add_protocol (pkt, tree, proto_frame, tvb, 0, tvb->captured);
  if (ti)
    {
      remora_item_set_text (pkt, ti, "Frame %u: %u bytes on wire (%u bits), %u bytes captured (%u bits)",
                            f->number, f->orig_len, f->orig_len * 8, f->cap_len, f->cap_len * 8);
      if (f->iface_name)
        remora_item_append_text (pkt, ti, " on interface %s, id %u", f->iface_name, f->iface_id);
    }

  if (f->iface_name || f->iface_description)
    {
      it = remora_add_uint (pkt, ti, hf_frame_interface_id, tvb, 0, 0, f->iface_id);
      if (f->iface_name)
        {
          remora_item_append_text (pkt, it, " (%s)", f->iface_name);
          remora_add_string (pkt, it, hf_frame_interface_name, tvb, 0, 0, f->iface_name, -1);
        }
      if (f->iface_description)
        remora_add_string (pkt, it, hf_frame_interface_description, tvb, 0, 0, f->iface_description, -1);
    }
  it = remora_add_int (pkt, ti, hf_frame_encap_type, tvb, 0, 0, encap);
  remora_item_set_text (pkt, it, "Encapsulation type: %s (%d)", encap_name, encap);
  remora_add_time (pkt, ti, hf_frame_time, tvb, 0, 0, f->ts_ns);
  remora_item_set_generated (pkt, remora_add_time (pkt, ti, hf_frame_offset_shift, tvb, 0, 0, 0));
  remora_add_time (pkt, ti, hf_frame_time_epoch, tvb, 0, 0, f->ts_ns);
  remora_item_set_generated (pkt, remora_add_time (pkt, ti, hf_frame_time_delta, tvb, 0, 0, pkt->delta_ns));
  remora_item_set_generated (pkt, remora_add_time (pkt, ti, hf_frame_time_delta_displayed, tvb, 0, 0, pkt->delta_displayed_ns));
  remora_item_set_generated (pkt, remora_add_time (pkt, ti, hf_frame_time_relative, tvb, 0, 0, pkt->rel_ns));
  remora_add_uint (pkt, ti, hf_frame_number, tvb, 0, 0, f->number);
  it = remora_add_uint (pkt, ti, hf_frame_len, tvb, 0, 0, f->orig_len);
  remora_item_set_text (pkt, it, "Frame Length: %u bytes (%u bits)", f->orig_len, f->orig_len * 8);
  it = remora_add_uint (pkt, ti, hf_frame_cap_len, tvb, 0, 0, f->cap_len);
  remora_item_set_text (pkt, it, "Capture Length: %u bytes (%u bits)", f->cap_len, f->cap_len * 8);
  remora_item_set_generated (pkt, remora_add_boolean (pkt, ti, hf_frame_marked, tvb, 0, 0, 0));
  remora_item_set_generated (pkt, remora_add_boolean (pkt, ti, hf_frame_ignored, tvb, 0, 0, 0));

  link = remora_table_lookup_uint ("link_type", (guint32) f->link_type);
  if (link != NULL)
    remora_call_dissector_guarded (link, tvb, pkt, tree, NULL);
  else
    {
      remora_col_set_protocol (pkt, "UNKNOWN");
      remora_col_add_info (pkt, "WTAP_ENCAP = %d", encap);
      remora_call_data (tvb, pkt, tree);
    }

  /* frame.protocols: known only now that every layer has run. */
  if (remora_wants (pkt, hf_frame_protocols))
    {
      gsize len;
      const char *protocols = protocols_string (pkt, &len);

      it = remora_add_string (pkt, ti, hf_frame_protocols, tvb, 0, 0, protocols, (gssize) len);
      remora_item_set_generated (pkt, it);
    }
  return (int) tvb->captured;
}

void
remora_register_frame (void)
{
  proto_frame = remora_proto_register ("Frame", "Frame", "frame");
  remora_fields_register (proto_frame, frame_fields, G_N_ELEMENTS (frame_fields));
  frame_dissector = remora_dissector_register ("frame", proto_frame, dissect_frame);
}

void
remora_handoff_frame (void)
{
}
