/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-tls"

#include "config.h"

#include "remora-tls-handshake.h"

#include <string.h>

/* Transport Layer Security over TCP: the record layer (RFC 5246 section 6.2,
 * RFC 8446 section 5), without decryption.  Handshake messages are in
 * remora-tls-handshake.c.  State per TCP stream: the negotiated version
 * (Protocol column, labels) and which directions have switched to
 * ciphertext. */

static int proto_tls;
static int hf_record, hf_content_type, hf_opaque_type, hf_record_version, hf_record_length;
static int hf_app_data, hf_app_data_proto, hf_ccs, hf_alert, hf_alert_level, hf_alert_desc;

static const RemoraValueString content_type_vals[] = {
  { 20, "Change Cipher Spec" }, { 21, "Alert" }, { 22, "Handshake" },
  { 23, "Application Data" }, { 24, "Heartbeat" }, { 25, "Connection ID" },
  { 0, NULL }
};

static const RemoraValueString record_version_vals[] = {
  { 0x0002, "SSL 2.0" }, { 0x0300, "SSL 3.0" }, { 0x0301, "TLS 1.0" }, { 0x0101, "GMTLS" },
  { 0x0302, "TLS 1.1" }, { 0x0303, "TLS 1.2" }, { 0x0304, "TLS 1.3" },
  { 0x0100, "DTLS 1.0 (OpenSSL pre 0.9.8f)" }, { 0xfeff, "DTLS 1.0" }, { 0xfefd, "DTLS 1.2" },
  { 0, NULL }
};

static const RemoraValueString alert_level_vals[] = {
  { 1, "Warning" }, { 2, "Fatal" },
  { 0, NULL }
};

static const RemoraValueString alert_desc_vals[] = {
  { 0, "Close Notify" }, { 1, "End of Early Data" }, { 10, "Unexpected Message" },
  { 20, "Bad Record MAC" }, { 21, "Decryption Failed" }, { 22, "Record Overflow" },
  { 30, "Decompression Failure" }, { 40, "Handshake Failure" }, { 41, "No Certificate" },
  { 42, "Bad Certificate" }, { 43, "Unsupported Certificate" }, { 44, "Certificate Revoked" },
  { 45, "Certificate Expired" }, { 46, "Certificate Unknown" }, { 47, "Illegal Parameter" },
  { 48, "Unknown CA" }, { 49, "Access Denied" }, { 50, "Decode Error" }, { 51, "Decrypt Error" },
  { 60, "Export Restriction" }, { 70, "Protocol Version" }, { 71, "Insufficient Security" },
  { 80, "Internal Error" }, { 86, "Inappropriate Fallback" }, { 90, "User Canceled" },
  { 100, "No Renegotiation" }, { 109, "Missing Extension" }, { 110, "Unsupported Extension" },
  { 111, "Certificate Unobtainable" }, { 112, "Unrecognized Name" },
  { 113, "Bad Certificate Status Response" }, { 114, "Bad Certificate Hash Value" },
  { 115, "Unknown PSK Identity" }, { 116, "Certificate Required" },
  { 120, "No application Protocol" }, { 121, "ECH Required" },
  { 0, NULL }
};

static RemoraFieldDef tls_fields[] = {
  { &hf_record, { "Record Layer", "tls.record", REMORA_FT_NONE, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_content_type, { "Content Type", "tls.record.content_type", REMORA_FT_UINT8, REMORA_BASE_DEC,
                        content_type_vals, 0, NULL } },
  { &hf_opaque_type, { "Opaque Type", "tls.record.opaque_type", REMORA_FT_UINT8, REMORA_BASE_DEC,
                       content_type_vals, 0, "Always set to value 23, actual content type is known after decryption" } },
  { &hf_record_version, { "Version", "tls.record.version", REMORA_FT_UINT16, REMORA_BASE_HEX,
                          record_version_vals, 0, "Record layer version" } },
  { &hf_record_length, { "Length", "tls.record.length", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0,
                         "Length of TLS record data" } },
  { &hf_app_data, { "Encrypted Application Data", "tls.app_data", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0,
                    "Payload is encrypted application data" } },
  { &hf_app_data_proto, { "Application Data Protocol", "tls.app_data_proto", REMORA_FT_STRING, REMORA_BASE_NONE,
                          NULL, 0, NULL } },
  { &hf_alert, { "Alert Message", "tls.alert_message", REMORA_FT_NONE, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_alert_level, { "Level", "tls.alert_message.level", REMORA_FT_UINT8, REMORA_BASE_DEC, alert_level_vals, 0,
                       "Alert message level" } },
  { &hf_alert_desc, { "Description", "tls.alert_message.desc", REMORA_FT_UINT8, REMORA_BASE_DEC, alert_desc_vals, 0,
                      "Alert message description" } },
  { &hf_ccs, { "Change Cipher Spec Message", "tls.change_cipher_spec", REMORA_FT_NONE, REMORA_BASE_NONE, NULL, 0,
               "Signals a change in cipher specifications" } },
};

/* The default TCP ports of tls.port in Wireshark 4.0. */
static const guint16 tls_ports[] = {
  324, 443, 465, 636, 802, 853, 993, 995, 1300, 2221, 2443, 3249, 3250, 3251, 3252,
  3496, 5061, 5671, 5684, 5868, 8883, 11207, 19999, 27017,
};

/* Streams remembered, at most: beyond it new streams get no state (they
 * read as a capture starting mid-conversation would). */
#define TLS_MAX_CONVS 1000000

typedef struct {
  GHashTable *convs;        /* TlsKey -> RemoraTlsConv */
  GHashTable *snapshots;    /* TlsKey with frame -> RemoraTlsConv as the frame began */
} TlsState;

static void
tls_state_free (gpointer p)
{
  TlsState *st = p;

  g_hash_table_destroy (st->convs);
  if (st->snapshots != NULL)
    g_hash_table_destroy (st->snapshots);
  g_free (st);
}

/* A stream: its index, and its endpoints too, so that state stays apart
 * even where the transport gives no stream index. */
typedef struct {
  guint32       stream;
  guint32       frame;     /* 0 in the conversation table */
  guint16       port[2];
  RemoraAddress addr[2];
} TlsKey;

static guint
tls_key_hash (gconstpointer p)
{
  const TlsKey *k = p;
  guint h = k->stream * 2654435761u ^ k->frame * 40503u ^ ((guint) k->port[0] << 16 | k->port[1]);

  for (guint i = 0; i < 2; i++)
    for (guint j = 0; j < k->addr[i].len; j++)
      h = h * 31 + k->addr[i].data[j];
  return h;
}

static gboolean
tls_key_equal (gconstpointer a, gconstpointer b)
{
  return memcmp (a, b, sizeof (TlsKey)) == 0;
}

/* Only the meaningful bytes, so keys compare with memcmp. */
static void
copy_address (RemoraAddress *to, const RemoraAddress *from)
{
  to->type = from->type;
  to->len = MIN (from->len, sizeof to->data);
  memcpy (to->data, from->data, to->len);
}

static void
make_key (const RemoraPacket *pkt, guint32 frame, TlsKey *key)
{
  gboolean swap = pkt->srcport > pkt->destport ||
                  (pkt->srcport == pkt->destport && memcmp (&pkt->src, &pkt->dst, sizeof pkt->src) > 0);

  memset (key, 0, sizeof *key);
  key->stream = pkt->stream_index;
  key->frame = frame;
  key->port[swap ? 1 : 0] = (guint16) pkt->srcport;
  key->port[swap ? 0 : 1] = (guint16) pkt->destport;
  copy_address (&key->addr[swap ? 1 : 0], &pkt->src);
  copy_address (&key->addr[swap ? 0 : 1], &pkt->dst);
}

/* The stream's state as the first pass left it for this frame: a working
 * copy in COPY when the frame is being dissected again. */
static RemoraTlsConv *
get_conv (RemoraPacket *pkt, RemoraTlsConv *copy)
{
  TlsState *st;
  RemoraTlsConv *conv;
  TlsKey key, fkey;

  if (pkt->ptype != REMORA_PT_TCP || pkt->in_error_pkt > 0)
    return NULL;
  st = remora_session_get_proto_data (pkt->session, proto_tls);
  if (st == NULL)
    {
      st = g_new0 (TlsState, 1);
      st->convs = g_hash_table_new_full (tls_key_hash, tls_key_equal, g_free, g_free);
      remora_session_set_proto_data (pkt->session, proto_tls, st, tls_state_free);
    }
  make_key (pkt, 0, &key);
  make_key (pkt, pkt->frame->number, &fkey);
  if (pkt->visited)
    {
      RemoraTlsConv *snap = st->snapshots != NULL ? g_hash_table_lookup (st->snapshots, &fkey) : NULL;

      if (snap == NULL)
        snap = g_hash_table_lookup (st->convs, &key);
      if (snap == NULL)
        return NULL;
      *copy = *snap;
      return copy;
    }
  conv = g_hash_table_lookup (st->convs, &key);
  if (conv == NULL)
    {
      if (g_hash_table_size (st->convs) >= TLS_MAX_CONVS)
        return NULL;
      conv = g_new0 (RemoraTlsConv, 1);
      g_hash_table_insert (st->convs, g_memdup2 (&key, sizeof key), conv);
    }
  if (remora_session_get_will_revisit (pkt->session))
    {
      if (st->snapshots == NULL)
        st->snapshots = g_hash_table_new_full (tls_key_hash, tls_key_equal, g_free, g_free);
      if (!g_hash_table_contains (st->snapshots, &fkey))
        g_hash_table_insert (st->snapshots, g_memdup2 (&fkey, sizeof fkey), g_memdup2 (conv, sizeof *conv));
    }
  return conv;
}

/* 0 from the client (whoever spoke first), 1 from the server. */
static int
direction (RemoraPacket *pkt, RemoraTlsConv *conv)
{
  if (!conv->have_client)
    {
      if (pkt->visited)
        return 0;
      conv->client = pkt->src;
      conv->client_port = (guint16) pkt->srcport;
      conv->have_client = TRUE;
    }
  return conv->client_port == pkt->srcport && conv->client.type == pkt->src.type &&
         conv->client.len == pkt->src.len && memcmp (conv->client.data, pkt->src.data, pkt->src.len) == 0 ? 0 : 1;
}

static gboolean
content_type_valid (guint8 type)
{
  return type >= 20 && type <= 24;
}

static gboolean
record_version_valid (guint16 version)
{
  return version >= 0x0300 && version <= 0x0304;
}

static const char *
app_proto_name (const RemoraPacket *pkt, const RemoraTlsConv *conv)
{
  guint32 port = MIN (pkt->srcport, pkt->destport);

  if (conv->app_proto == REMORA_TLS_APP_HTTP2)
    return "HyperText Transfer Protocol 2";
  if (conv->app_proto == REMORA_TLS_APP_HTTP)
    return "Hypertext Transfer Protocol";
  switch (port)
    {
    case 443: return "Hypertext Transfer Protocol";
    case 465: return "Simple Mail Transfer Protocol";
    case 636: return "Lightweight Directory Access Protocol";
    case 853: return "Domain Name System";
    case 993: return "Internet Message Access Protocol";
    case 995: return "Post Office Protocol";
    case 5061: return "Session Initiation Protocol";
    case 8883: return "MQ Telemetry Transport Protocol";
    default: return NULL;
    }
}

/* One record at OFFSET whose 5-byte header and body are present. */
static void
dissect_record (const RemoraTvb *tvb, RemoraPacket *pkt, RemoraItem tls_tree, guint32 offset,
                RemoraTlsConv *conv, int dir)
{
  guint8 type = remora_tvb_get_u8 (tvb, offset);
  guint16 version = remora_tvb_get_ntohs (tvb, offset + 1);
  guint16 length = remora_tvb_get_ntohs (tvb, offset + 3);
  guint32 body = offset + 5;
  const char *vname, *what = NULL;
  RemoraItem rec, it;
  gboolean tls13;

  /* The version is known from the first record other than a ClientHello;
   * the ServerHello then sets what was negotiated. */
  if (conv->version == 0 && !pkt->visited && record_version_valid (version) &&
      !(type == 22 && remora_tvb_bytes_exist (tvb, body, 1) && remora_tvb_get_u8 (tvb, body) == 1))
    conv->version = version;
  vname = remora_tls_version_short_name (conv->version != 0 ? conv->version : version);
  if (vname == NULL)
    vname = "SSL";
  remora_col_set_protocol (pkt, vname);
  tls13 = conv->version == 0x0304;

  rec = remora_add_item (pkt, tls_tree, hf_record, tvb, offset, 5u + length, REMORA_ENC_NA);
  if (type == 23 && tls13)
    remora_add_item (pkt, rec, hf_opaque_type, tvb, offset, 1, REMORA_ENC_NA);
  else
    remora_add_item (pkt, rec, hf_content_type, tvb, offset, 1, REMORA_ENC_NA);
  remora_add_item (pkt, rec, hf_record_version, tvb, offset + 1, 2, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, rec, hf_record_length, tvb, offset + 3, 2, REMORA_ENC_BIG_ENDIAN);

  switch (type)
    {
    case 20:
      remora_item_set_text (pkt, rec, "%s Record Layer: Change Cipher Spec Protocol: Change Cipher Spec", vname);
      remora_col_append_sep_info (pkt, ", ", "Change Cipher Spec");
      remora_add_item (pkt, rec, hf_ccs, tvb, body, length, REMORA_ENC_NA);
      if (!pkt->visited)
        conv->encrypted[dir] = TRUE;
      break;
    case 21:
      if (length == 2 && !conv->encrypted[dir])
        {
          guint8 level = remora_tvb_get_u8 (tvb, body);
          guint8 desc = remora_tvb_get_u8 (tvb, body + 1);
          const char *lname = remora_value_string_lookup (alert_level_vals, level);
          const char *dname = remora_value_string_lookup (alert_desc_vals, desc);
          char lbuf[24], dbuf[24];

          if (lname == NULL)
            {
              g_snprintf (lbuf, sizeof lbuf, "Unknown (%u)", level);
              lname = lbuf;
            }
          if (dname == NULL)
            {
              g_snprintf (dbuf, sizeof dbuf, "Unknown (%u)", desc);
              dname = dbuf;
            }
          remora_item_set_text (pkt, rec, "%s Record Layer: Alert (Level: %s, Description: %s)", vname, lname, dname);
          remora_col_append_sep_info (pkt, ", ", "Alert (Level: %s, Description: %s)", lname, dname);
          it = remora_add_item (pkt, rec, hf_alert, tvb, body, 2, REMORA_ENC_NA);
          remora_item_set_text (pkt, it, "Alert Message");
          remora_add_item (pkt, it, hf_alert_level, tvb, body, 1, REMORA_ENC_NA);
          remora_add_item (pkt, it, hf_alert_desc, tvb, body + 1, 1, REMORA_ENC_NA);
        }
      else
        {
          remora_item_set_text (pkt, rec, "%s Record Layer: Encrypted Alert", vname);
          remora_col_append_sep_info (pkt, ", ", "Encrypted Alert");
          it = remora_add_item (pkt, rec, hf_alert, tvb, body, length, REMORA_ENC_NA);
          remora_item_set_text (pkt, it, "Alert Message: Encrypted Alert");
        }
      break;
    case 22:
      remora_item_set_text (pkt, rec, "%s Record Layer: Handshake Protocol: %s", vname,
                            remora_tls_handshake_summary (tvb, body, length, conv, dir));
      remora_tls_dissect_handshake (tvb, pkt, rec, body, length, conv, dir);
      break;
    case 23:
      what = app_proto_name (pkt, conv);
      remora_item_set_text (pkt, rec, "%s Record Layer: Application Data Protocol: %s", vname,
                            what != NULL ? what : "Application Data");
      remora_col_append_sep_info (pkt, ", ", "Application Data");
      remora_add_item (pkt, rec, hf_app_data, tvb, body, length, REMORA_ENC_NA);
      if (what != NULL)
        remora_item_set_generated (pkt, remora_add_string (pkt, rec, hf_app_data_proto, tvb, 0, 0, what, -1));
      break;
    default:
      remora_item_set_text (pkt, rec, "%s Record Layer: Heartbeat", vname);
      remora_col_append_sep_info (pkt, ", ", conv->encrypted[dir] ? "Encrypted Heartbeat" : "Heartbeat");
      break;
    }
}

/* Was TLS already called for an earlier PDU of this frame? */
static gboolean
tls_seen_before_in_frame (const RemoraPacket *pkt)
{
  for (guint i = 0; i + 1 < pkt->n_layers; i++)
    if (pkt->layers[i] == proto_tls)
      return TRUE;
  return FALSE;
}

static int
dissect_tls (const RemoraTvb *tvb,
             RemoraPacket    *pkt,
             RemoraItem       parent,
             void            *data)
{
  guint32 reported = remora_tvb_reported_remaining (tvb, 0), offset = 0;
  RemoraTlsConv local = { 0 }, *conv;
  RemoraItem tls_tree;
  int dir = 0;

  (void) data;
  if (reported == 0)
    return 0;
  conv = get_conv (pkt, &local);
  if (conv == NULL)
    conv = &local;
  else
    dir = direction (pkt, conv);

  remora_col_set_protocol (pkt, "TLS");
  if (!tls_seen_before_in_frame (pkt))
    remora_col_clear_info (pkt);
  tls_tree = remora_add_protocol (pkt, parent, proto_tls, tvb, 0, reported);

  while (offset < reported)
    {
      guint32 avail = reported - offset;
      guint8 type;
      guint16 version, length;

      if (avail < 5)
        {
          if (pkt->can_desegment)
            {
              pkt->desegment_offset = offset;
              pkt->desegment_len = REMORA_DESEGMENT_ONE_MORE_SEGMENT;
              remora_item_set_len (pkt, tls_tree, offset);
              return (int) reported;
            }
        }
      type = remora_tvb_get_u8 (tvb, offset);
      if (avail >= 3)
        version = remora_tvb_get_ntohs (tvb, offset + 1);
      else
        version = 0;
      if (!content_type_valid (type) || (avail >= 3 && !record_version_valid (version)))
        {
          /* not a record boundary: the middle of something we missed */
          const char *v = remora_tls_version_short_name (conv->version);

          if (v != NULL)
            remora_col_set_protocol (pkt, v);
          remora_col_append_sep_info (pkt, ", ", "Continuation Data");
          remora_add_text (pkt, tls_tree, tvb, offset, avail, "Ignored Unknown Record");
          break;
        }
      length = remora_tvb_get_ntohs (tvb, offset + 3);
      if (5u + length > avail && pkt->can_desegment)
        {
          pkt->desegment_offset = offset;
          pkt->desegment_len = 5u + length - avail;
          remora_item_set_len (pkt, tls_tree, offset);
          return (int) reported;
        }
      dissect_record (tvb, pkt, tls_tree, offset, conv, dir);
      offset += 5u + length;
    }
  return (int) reported;
}

/* TLS on a port nobody registered: a record header that looks like the
 * start of a handshake or application data claims the stream from then on,
 * as Wireshark's default-on TCP heuristic does. */
static int
dissect_tls_heur (const RemoraTvb *tvb,
                  RemoraPacket    *pkt,
                  RemoraItem       parent,
                  void            *data)
{
  RemoraTlsConv local = { 0 }, *conv = get_conv (pkt, &local);

  if (conv == NULL)
    return 0;
  if (!conv->claimed)
    {
      guint8 type;
      guint16 version, length;

      if (!remora_tvb_bytes_exist (tvb, 0, 5))
        return 0;
      type = remora_tvb_get_u8 (tvb, 0);
      version = remora_tvb_get_ntohs (tvb, 1);
      length = remora_tvb_get_ntohs (tvb, 3);
      if ((type != 22 && type != 23) || version < 0x0300 || version > 0x0303 || length == 0 || length >= 0x4000 + 2048)
        return 0;
      if (pkt->visited)
        return dissect_tls (tvb, pkt, parent, data);
      conv->claimed = TRUE;
    }
  return dissect_tls (tvb, pkt, parent, data);
}

void
remora_register_tls (void)
{
  proto_tls = remora_proto_register ("Transport Layer Security", "TLS", "tls");
  remora_fields_register (proto_tls, tls_fields, G_N_ELEMENTS (tls_fields));
  remora_tls_handshake_register (proto_tls);
  remora_dissector_register ("tls", proto_tls, dissect_tls);
  remora_dissector_register ("tls-tcp-heur", proto_tls, dissect_tls_heur);
}

void
remora_handoff_tls (void)
{
  RemoraDissector *tls = remora_dissector_find ("tls");

  for (guint i = 0; i < G_N_ELEMENTS (tls_ports); i++)
    remora_table_add_uint ("tcp.port", tls_ports[i], tls);
  /* after the port table, before data, as tshark tries it */
  remora_heur_add ("tcp", remora_dissector_find ("tls-tcp-heur"));
}
