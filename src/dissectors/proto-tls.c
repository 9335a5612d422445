/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-tls"

#include "config.h"

#include "remora-tls-handshake.h"

#include <string.h>

#include "remora-address-table.h"
#include "remora-chunk-array.h"
#include "remora-record-index.h"

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

/* A stream: its index, and its endpoints too (addresses interned), so
 * that state stays apart even where the transport gives no stream index. */
typedef struct {
  guint32 stream;
  guint16 port[2];
  guint32 addr[2];
} TlsKey;

/* What a redissection needs of the stream's state as a frame began, for
 * revisiting sessions: the state changes a few times in a stream's life
 * (versions, CCS each way), so each change is an epoch, kept from the
 * frame whose dissection first saw it.  A frame's state is that of the
 * newest epoch of its stream not after it, or the initial one.  The client
 * is known from the frame after the one that first looked at the stream,
 * and which end it is never changes: both are kept with the stream.
 *
 * A stream's epochs are a chain from the newest back.  Past a few, a
 * stream also gets a list of them to search by frame, so that a hostile
 * stream of a million ServerHellos costs a binary search, not a walk. */
typedef struct {
  guint32 frame;
  guint32 prev;      /* the stream's previous epoch, or NO_EPOCH */
  guint32 state_lo;  /* version | suite << 16 */
  guint32 state_hi;  /* app_proto | encrypted[0] << 8 | encrypted[1] << 9 | claimed << 10 | depth << 11 */
} TlsEpoch;

#define NO_EPOCH   G_MAXUINT32
#define MAX_WALK   16
#define MAX_DEPTH  ((1u << 21) - 1)

typedef struct {
  TlsKey        key;
  RemoraTlsConv conv;         /* the running state (first pass) */
  guint32       last_frame;   /* the newest frame that dissected TLS on the stream */
  guint32       client_frame; /* the frame that found the client, 0: none yet */
  guint32       last_epoch;   /* or NO_EPOCH */
} TlsStream;

typedef struct {
  RemoraAddressTable *addrs;
  RemoraChunkArray  *streams;   /* TlsStream */
  RemoraRecordIndex *index;     /* TlsKey -> stream */
  RemoraChunkArray  *epochs;    /* TlsEpoch, revisiting sessions only */
  GHashTable        *long_chains; /* stream + 1 -> GArray of its epochs (guint32), oldest first */
} TlsState;

static void
tls_state_free (gpointer p)
{
  TlsState *st = p;

  remora_address_table_free (st->addrs);
  remora_record_index_free (st->index);
  remora_chunk_array_free (st->streams);
  remora_chunk_array_free (st->epochs);
  if (st->long_chains != NULL)
    g_hash_table_unref (st->long_chains);
  g_free (st);
}

static guint
tls_key_hash (const TlsKey *k)
{
  guint64 h = (guint64) k->stream << 32 ^ (guint64) k->port[0] << 16 ^ k->port[1];

  h = remora_record_hash_mix (h) ^ ((guint64) k->addr[0] << 32 | k->addr[1]) * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  return remora_record_hash_mix (h);
}

static guint
stream_rehash (gpointer user_data, guint32 index)
{
  TlsState *st = user_data;
  const TlsStream *s = remora_chunk_array_get (st->streams, index);

  return tls_key_hash (&s->key);
}

static gboolean
stream_match (gpointer user_data, guint32 index, gconstpointer key)
{
  TlsState *st = user_data;
  const TlsStream *s = remora_chunk_array_get (st->streams, index);

  return memcmp (&s->key, key, sizeof (TlsKey)) == 0;
}

/* Which end of the stream's key the packet comes from. */
static guint
packet_end (const RemoraPacket *pkt)
{
  return pkt->srcport > pkt->destport ||
         (pkt->srcport == pkt->destport && memcmp (&pkt->src, &pkt->dst, sizeof pkt->src) > 0);
}

/* FALSE when an address is not in the table and ADD is not set. */
static gboolean
make_key (TlsState *st, const RemoraPacket *pkt, gboolean add, TlsKey *key)
{
  guint end = packet_end (pkt);

  memset (key, 0, sizeof *key);
  key->stream = pkt->stream_index;
  key->port[end] = (guint16) pkt->srcport;
  key->port[1 - end] = (guint16) pkt->destport;
  key->addr[end] = remora_address_table_intern (st->addrs, &pkt->src, add);
  key->addr[1 - end] = remora_address_table_intern (st->addrs, &pkt->dst, add);
  return key->addr[0] != REMORA_ADDRESS_NONE && key->addr[1] != REMORA_ADDRESS_NONE;
}

/* The fields an epoch keeps; flags are only ever set to TRUE, so a bit
 * each keeps them. */
static void
pack_state (const RemoraTlsConv *conv, guint32 *lo, guint32 *hi)
{
  *lo = (guint32) conv->version | (guint32) conv->suite << 16;
  *hi = (guint32) conv->app_proto | (guint32) (conv->encrypted[0] != 0) << 8 |
        (guint32) (conv->encrypted[1] != 0) << 9 | (guint32) (conv->claimed != 0) << 10;
}

/* The state of stream S as FRAME began, from the epoch (or NULL: the
 * initial state) and the stream. */
static void
unpack_state (const TlsEpoch *e, const TlsStream *s, guint32 frame, RemoraTlsConv *conv)
{
  memset (conv, 0, sizeof *conv);
  if (e != NULL)
    {
      conv->version = (guint16) e->state_lo;
      conv->suite = (guint16) (e->state_lo >> 16);
      conv->app_proto = (guint8) e->state_hi;
      conv->encrypted[0] = (e->state_hi >> 8) & 1;
      conv->encrypted[1] = (e->state_hi >> 9) & 1;
      conv->claimed = (e->state_hi >> 10) & 1;
    }
  if (s->client_frame != 0 && frame > s->client_frame)
    {
      conv->have_client = TRUE;
      conv->client_end = s->conv.client_end;
    }
}

static TlsEpoch *
epoch_at (TlsState *st, guint32 index)
{
  return remora_chunk_array_get (st->epochs, index);
}

static guint32
epoch_depth (const TlsEpoch *e)
{
  return e->state_hi >> 11;
}

static void
add_epoch (TlsState *st, TlsStream *s, guint32 stream_number, guint32 frame, guint32 lo, guint32 hi)
{
  TlsEpoch *e;
  guint32 depth = s->last_epoch != NO_EPOCH ? MIN (epoch_depth (epoch_at (st, s->last_epoch)) + 1, MAX_DEPTH) : 0;
  guint32 index = remora_chunk_array_append (st->epochs, (gpointer *) &e);
  GArray *list;

  e->frame = frame;
  e->prev = s->last_epoch;
  e->state_lo = lo;
  e->state_hi = hi | depth << 11;
  s->last_epoch = index;
  if (depth < MAX_WALK)
    return;

  if (st->long_chains == NULL)
    st->long_chains = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  list = g_hash_table_lookup (st->long_chains, GUINT_TO_POINTER (stream_number + 1));
  if (list == NULL)
    {
      /* the chain so far, oldest first */
      list = g_array_new (FALSE, FALSE, sizeof (guint32));
      for (guint32 i = e->prev; i != NO_EPOCH; i = epoch_at (st, i)->prev)
        g_array_prepend_val (list, i);
      g_hash_table_insert (st->long_chains, GUINT_TO_POINTER (stream_number + 1), list);
    }
  g_array_append_val (list, index);
}

/* The epoch of stream S in force as FRAME began, or NULL. */
static const TlsEpoch *
epoch_for (TlsState *st, const TlsStream *s, guint32 stream_number, guint32 frame)
{
  GArray *list;
  guint32 i = s->last_epoch;
  guint lo = 0, hi;

  if (i == NO_EPOCH)
    return NULL;
  if (epoch_depth (epoch_at (st, i)) < MAX_WALK)
    {
      for (; i != NO_EPOCH; i = epoch_at (st, i)->prev)
        if (epoch_at (st, i)->frame <= frame)
          return epoch_at (st, i);
      return NULL;
    }
  list = g_hash_table_lookup (st->long_chains, GUINT_TO_POINTER (stream_number + 1));
  hi = list->len;
  /* the first epoch after FRAME */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (epoch_at (st, g_array_index (list, guint32, mid))->frame <= frame)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo > 0 ? epoch_at (st, g_array_index (list, guint32, lo - 1)) : NULL;
}

/* The stream's state as the first pass left it for this frame: a working
 * copy in COPY when the frame is being dissected again.  *NUMBER gets the
 * stream's number. */
static RemoraTlsConv *
get_conv (RemoraPacket *pkt, RemoraTlsConv *copy, guint32 *number)
{
  TlsState *st;
  TlsStream *s;
  TlsKey key;
  guint hash;
  guint32 *slot;

  if (pkt->ptype != REMORA_PT_TCP || pkt->in_error_pkt > 0)
    return NULL;
  st = remora_session_get_proto_data (pkt->session, proto_tls);
  if (st == NULL)
    {
      st = g_new0 (TlsState, 1);
      st->addrs = remora_address_table_new ();
      st->streams = remora_chunk_array_new (sizeof (TlsStream));
      st->index = remora_record_index_new (stream_rehash, st);
      remora_session_set_proto_data (pkt->session, proto_tls, st, tls_state_free);
    }
  if (!make_key (st, pkt, !pkt->visited, &key))
    return NULL;
  hash = tls_key_hash (&key);
  slot = remora_record_index_lookup (st->index, hash, stream_match, &key);
  s = slot != NULL ? remora_chunk_array_get (st->streams, *slot) : NULL;
  if (pkt->visited)
    {
      if (s == NULL)
        return NULL;
      *number = *slot;
      if (st->epochs == NULL)
        *copy = s->conv;
      else
        unpack_state (epoch_for (st, s, *slot, pkt->frame->number), s, pkt->frame->number, copy);
      return copy;
    }
  if (s != NULL)
    *number = *slot;
  else
    {
      if (remora_chunk_array_length (st->streams) >= TLS_MAX_CONVS)
        return NULL;
      *number = remora_chunk_array_append (st->streams, (gpointer *) &s);
      s->key = key;
      s->last_epoch = NO_EPOCH;
      remora_record_index_insert (st->index, hash, *number);
    }
  if (remora_session_get_will_revisit (pkt->session) && s->last_frame != pkt->frame->number)
    {
      guint32 lo, hi, last_lo = 0, last_hi = 0;

      if (st->epochs == NULL)
        st->epochs = remora_chunk_array_new (sizeof (TlsEpoch));
      pack_state (&s->conv, &lo, &hi);
      if (s->last_epoch != NO_EPOCH)
        {
          const TlsEpoch *e = epoch_at (st, s->last_epoch);

          last_lo = e->state_lo;
          last_hi = e->state_hi & ((1u << 11) - 1);
        }
      if (lo != last_lo || hi != last_hi)
        add_epoch (st, s, *number, pkt->frame->number, lo, hi);
      s->last_frame = pkt->frame->number;
    }
  return &s->conv;
}

/* Notes that the stream found its client in this frame (the first pass). */
static void
client_found (RemoraPacket *pkt, guint32 number)
{
  TlsState *st = remora_session_get_proto_data (pkt->session, proto_tls);
  TlsStream *s = remora_chunk_array_get (st->streams, number);

  s->client_frame = pkt->frame->number;
}

static gboolean
same_address (const RemoraAddress *a, const RemoraAddress *b)
{
  return a->type == b->type && a->len == b->len && memcmp (a->data, b->data, MIN (a->len, sizeof a->data)) == 0;
}

/* 0 from the client (whoever spoke first), 1 from the server. */
static int
direction (RemoraPacket *pkt, RemoraTlsConv *conv, guint32 number)
{
  guint end = packet_end (pkt);

  if (!conv->have_client)
    {
      if (pkt->visited)
        return 0;
      conv->client_end = (guint8) end;
      conv->have_client = TRUE;
      client_found (pkt, number);
    }
  /* A stream whose two ends are the same address and port reads as the
   * client both ways. */
  return end == conv->client_end || (pkt->srcport == pkt->destport && same_address (&pkt->src, &pkt->dst)) ? 0 : 1;
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
  guint32 number = 0;
  int dir = 0;

  (void) data;
  if (reported == 0)
    return 0;
  conv = get_conv (pkt, &local, &number);
  if (conv == NULL)
    conv = &local;
  else
    dir = direction (pkt, conv, number);

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
  guint32 number = 0;
  RemoraTlsConv local = { 0 }, *conv = get_conv (pkt, &local, &number);

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
