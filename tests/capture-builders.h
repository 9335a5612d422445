/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Helpers shared by the capture tests: build pcap and pcapng bytes in
 * memory (either byte order), write them to a scratch folder, and read a
 * capture back into a list of records. */

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "remora-capture-reader.h"

G_BEGIN_DECLS

static inline void
cb_u16 (GByteArray *ba, gboolean swapped, guint16 v)
{
  if (swapped)
    v = GUINT16_SWAP_LE_BE (v);
  g_byte_array_append (ba, (const guint8 *) &v, 2);
}

static inline void
cb_u32 (GByteArray *ba, gboolean swapped, guint32 v)
{
  if (swapped)
    v = GUINT32_SWAP_LE_BE (v);
  g_byte_array_append (ba, (const guint8 *) &v, 4);
}

static inline void
cb_u64 (GByteArray *ba, gboolean swapped, guint64 v)
{
  if (swapped)
    v = GUINT64_SWAP_LE_BE (v);
  g_byte_array_append (ba, (const guint8 *) &v, 8);
}

/* Packet bytes are a pattern derived from SEED, so a read-back can check
 * every byte. */
static inline void
cb_payload (GByteArray *ba, guint32 len, guint seed)
{
  for (guint32 i = 0; i < len; i++)
    {
      guint8 b = (guint8) (seed * 31 + i * 7);
      g_byte_array_append (ba, &b, 1);
    }
}

static inline gboolean
cb_payload_ok (const guint8 *data, guint32 len, guint seed)
{
  for (guint32 i = 0; i < len; i++)
    if (data[i] != (guint8) (seed * 31 + i * 7))
      return FALSE;
  return TRUE;
}

static inline void
cb_pad (GByteArray *ba)
{
  static const guint8 zeros[4];

  g_byte_array_append (ba, zeros, (4 - ba->len % 4) % 4);
}

/* ---- classic pcap ---- */

static inline GByteArray *
cb_pcap_new (gboolean swapped, guint32 magic, guint32 snaplen, guint32 linktype)
{
  GByteArray *ba = g_byte_array_new ();

  cb_u32 (ba, swapped, magic);
  cb_u16 (ba, swapped, 2);
  cb_u16 (ba, swapped, 4);
  cb_u32 (ba, swapped, 0);
  cb_u32 (ba, swapped, 0);
  cb_u32 (ba, swapped, snaplen);
  cb_u32 (ba, swapped, linktype);
  return ba;
}

static inline void
cb_pcap_record (GByteArray *ba, gboolean swapped, guint32 sec, guint32 frac,
                guint32 caplen, guint32 origlen, guint seed)
{
  cb_u32 (ba, swapped, sec);
  cb_u32 (ba, swapped, frac);
  cb_u32 (ba, swapped, caplen);
  cb_u32 (ba, swapped, origlen);
  cb_payload (ba, caplen, seed);
}

/* ---- pcapng ---- */

/* Appends a block with BODY; the lengths are filled in. */
static inline void
cb_ng_block (GByteArray *ba, gboolean swapped, guint32 type, const guint8 *body, gsize len)
{
  guint32 total = 12 + ((len + 3) & ~(gsize) 3);

  cb_u32 (ba, swapped, type);
  cb_u32 (ba, swapped, total);
  g_byte_array_append (ba, body, len);
  cb_pad (ba);
  cb_u32 (ba, swapped, total);
}

static inline void
cb_ng_option (GByteArray *body, gboolean swapped, guint16 code, const void *value, guint16 len)
{
  cb_u16 (body, swapped, code);
  cb_u16 (body, swapped, len);
  g_byte_array_append (body, value, len);
  cb_pad (body);
}

static inline void
cb_ng_shb (GByteArray *ba, gboolean swapped)
{
  g_autoptr(GByteArray) body = g_byte_array_new ();

  cb_u32 (body, swapped, 0x1a2b3c4d);
  cb_u16 (body, swapped, 1);
  cb_u16 (body, swapped, 0);
  cb_u64 (body, swapped, G_MAXUINT64);
  cb_ng_block (ba, swapped, 0x0a0d0d0a, body->data, body->len);
}

/* TSRESOL < 0 leaves the option out; TSOFFSET != 0 adds if_tsoffset. */
static inline void
cb_ng_idb (GByteArray *ba, gboolean swapped, guint16 linktype, guint32 snaplen,
           const char *name, int tsresol, gint64 tsoffset)
{
  g_autoptr(GByteArray) body = g_byte_array_new ();

  cb_u16 (body, swapped, linktype);
  cb_u16 (body, swapped, 0);
  cb_u32 (body, swapped, snaplen);
  if (name != NULL)
    cb_ng_option (body, swapped, 2, name, strlen (name));
  if (tsresol >= 0)
    {
      guint8 r = (guint8) tsresol;

      cb_ng_option (body, swapped, 9, &r, 1);
    }
  if (tsoffset != 0)
    {
      guint64 v = (guint64) tsoffset;

      if (swapped)
        v = GUINT64_SWAP_LE_BE (v);
      cb_ng_option (body, swapped, 14, &v, 8);
    }
  cb_u32 (body, swapped, 0);
  cb_ng_block (ba, swapped, 1, body->data, body->len);
}

static inline void
cb_ng_epb (GByteArray *ba, gboolean swapped, guint32 iface, guint64 ts, guint32 caplen,
           guint32 origlen, guint seed, guint32 flags)
{
  g_autoptr(GByteArray) body = g_byte_array_new ();

  cb_u32 (body, swapped, iface);
  cb_u32 (body, swapped, (guint32) (ts >> 32));
  cb_u32 (body, swapped, (guint32) ts);
  cb_u32 (body, swapped, caplen);
  cb_u32 (body, swapped, origlen);
  cb_payload (body, caplen, seed);
  cb_pad (body);
  if (flags != 0)
    {
      guint32 v = swapped ? GUINT32_SWAP_LE_BE (flags) : flags;

      cb_ng_option (body, swapped, 2, &v, 4);
      cb_u32 (body, swapped, 0);
    }
  cb_ng_block (ba, swapped, 6, body->data, body->len);
}

/* ---- files ---- */

static inline char *
cb_write_temp (const char *dir, const char *name, const guint8 *data, gsize len)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, (const char *) data, len, &error);
  g_assert_no_error (error);
  return path;
}

typedef struct {
  gint64  ts_ns;
  guint32 cap_len;
  guint32 orig_len;
  guint32 iface_id;
  guint32 flags;
  guint8  first_byte;
  gboolean payload_ok;
} CbRecord;

/* Reads READER to the end; checks each payload against its index as seed
 * (records built with seed = index). */
static inline RemoraReadStatus
cb_read_all (RemoraCaptureReader *reader, GArray *out, GError **error)
{
  RemoraPacketRecord rec;
  RemoraReadStatus status;

  while ((status = remora_capture_reader_next (reader, &rec, error)) == REMORA_READ_PACKET)
    {
      CbRecord r = { rec.ts_ns, rec.cap_len, rec.orig_len, rec.iface_id, rec.flags,
                     rec.cap_len > 0 ? rec.data[0] : 0,
                     cb_payload_ok (rec.data, rec.cap_len, out->len) };

      g_array_append_val (out, r);
    }
  return status;
}

G_END_DECLS
