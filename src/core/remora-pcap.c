/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-pcap"

#include "config.h"

#include "remora-capture-reader-private.h"

#include <string.h>

/* Classic libpcap files: a 24-byte file header, then per packet a 16-byte
 * record header (24 in the "modified" variant from old Red Hat tcpdump)
 * and the captured bytes.  The magic, read in either byte order, gives the
 * file's byte order and whether the fraction field is in us or ns. */

#define PCAP_FILE_HEADER_LEN     24
#define PCAP_RECORD_HEADER_LEN   16
#define PCAP_MODIFIED_HEADER_LEN 24

/* Bits 26-31 of the header's link type carry the FCS length; the link type
 * proper is below them. */
#define PCAP_LINKTYPE_MASK 0x03ffffffu

static inline guint32
get_u32 (const guint8 *p,
         gboolean      swapped)
{
  guint32 v;

  memcpy (&v, p, 4);
  return swapped ? GUINT32_SWAP_LE_BE (v) : v;
}

static inline guint16
get_u16 (const guint8 *p,
         gboolean      swapped)
{
  guint16 v;

  memcpy (&v, p, 2);
  return swapped ? GUINT16_SWAP_LE_BE (v) : v;
}

gboolean
_remora_pcap_open (RemoraCaptureReader  *reader,
                   GError              **error)
{
  RemoraInterface iface = { 0 };
  const guint8 *p;
  gsize avail;
  guint32 magic;
  guint16 major, minor;

  p = _remora_reader_peek (reader, PCAP_FILE_HEADER_LEN, &avail, error);
  if (p == NULL)
    return FALSE;
  if (avail < PCAP_FILE_HEADER_LEN)
    {
      g_set_error (error, REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_TRUNCATED,
                   "The file \"%s\" appears to have been cut short in the middle of "
                   "the file header (%" G_GSIZE_FORMAT " of %d bytes).",
                   reader->display_name, avail, PCAP_FILE_HEADER_LEN);
      return FALSE;
    }

  memcpy (&magic, p, 4);
  switch (magic)
    {
    case 0xa1b2c3d4:
      break;
    case 0xd4c3b2a1:
      reader->swapped = TRUE;
      break;
    case 0xa1b23c4d:
      reader->pcap_nsec = TRUE;
      break;
    case 0x4d3cb2a1:
      reader->swapped = reader->pcap_nsec = TRUE;
      break;
    case 0xa1b2cd34:
      reader->pcap_modified = TRUE;
      break;
    case 0x34cdb2a1:
      reader->swapped = reader->pcap_modified = TRUE;
      break;
    default:
      g_assert_not_reached ();
    }

  major = get_u16 (p + 4, reader->swapped);
  minor = get_u16 (p + 6, reader->swapped);
  if (major != 2)
    {
      g_set_error (error, REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_UNSUPPORTED,
                   "The file \"%s\" is a pcap file of version %u.%u, which Remora cannot read.",
                   reader->display_name, major, minor);
      return FALSE;
    }

  reader->snaplen = get_u32 (p + 16, reader->swapped);
  iface.link_type = (int) (get_u32 (p + 20, reader->swapped) & PCAP_LINKTYPE_MASK);
  iface.snaplen = reader->snaplen;
  iface.ts_units = reader->pcap_nsec ? 1000000000 : 1000000;
  _remora_reader_consume (reader, PCAP_FILE_HEADER_LEN);
  return _remora_reader_add_interface (reader, &iface, error);
}

RemoraReadStatus
_remora_pcap_next (RemoraCaptureReader  *reader,
                   RemoraPacketRecord   *record,
                   GError              **error)
{
  const gsize hdr_len = reader->pcap_modified ? PCAP_MODIFIED_HEADER_LEN : PCAP_RECORD_HEADER_LEN;
  const guint64 offset = reader->pos;
  const gboolean swapped = reader->swapped;
  const guint8 *p;
  gsize avail;
  guint32 ts_sec, ts_frac, cap_len;

  p = _remora_reader_peek (reader, hdr_len, &avail, error);
  if (p == NULL)
    return REMORA_READ_ERROR;
  if (avail < hdr_len)
    {
      if (avail == 0)
        return _remora_reader_at_end (reader, error);
      _remora_reader_set_truncated (reader, error, offset);
      return REMORA_READ_ERROR;
    }

  ts_sec = get_u32 (p, swapped);
  ts_frac = get_u32 (p + 4, swapped);
  cap_len = get_u32 (p + 8, swapped);
  record->orig_len = get_u32 (p + 12, swapped);

  /* A caplen above the snaplen is taken as it is (other tools write such
   * files); only one that no real link produces is damage. */
  if (cap_len > REMORA_MAX_PACKET_SIZE)
    {
      _remora_reader_set_damaged (reader, error,
                                  "record at offset %" G_GUINT64_FORMAT " claims %u captured "
                                  "bytes, more than the maximum of %u",
                                  offset, cap_len, REMORA_MAX_PACKET_SIZE);
      return REMORA_READ_ERROR;
    }

  p = _remora_reader_peek (reader, hdr_len + cap_len, &avail, error);
  if (p == NULL)
    return REMORA_READ_ERROR;
  if (avail < hdr_len + cap_len)
    {
      _remora_reader_set_truncated (reader, error, offset);
      return REMORA_READ_ERROR;
    }

  record->data = p + hdr_len;
  record->data_offset = offset + hdr_len;
  record->cap_len = cap_len;
  record->ts_ns = (gint64) ts_sec * G_GINT64_CONSTANT (1000000000)
                  + (gint64) ts_frac * (reader->pcap_nsec ? 1 : 1000);
  record->iface_id = 0;
  record->flags = 0;
  record->file_offset = offset;
  _remora_reader_consume (reader, hdr_len + cap_len);
  return REMORA_READ_PACKET;
}
