/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-pcapng"

#include "config.h"

#include "remora-capture-reader-private.h"

#include <string.h>

/* pcapng: a sequence of blocks, each "type, total length, body, total
 * length" with the length a multiple of 4.  A Section Header Block starts
 * every section and fixes that section's byte order; interfaces are
 * described by IDBs and numbered per section in the file, but we number
 * them across the whole file so a frame's interface id is unambiguous. */

#define BLOCK_SHB 0x0a0d0d0au
#define BLOCK_IDB 0x00000001u
#define BLOCK_PB  0x00000002u   /* obsolete Packet Block */
#define BLOCK_SPB 0x00000003u
#define BLOCK_EPB 0x00000006u

#define BYTE_ORDER_MAGIC 0x1a2b3c4du

#define OPT_ENDOFOPT      0
#define OPT_IF_NAME       2
#define OPT_IF_DESC       3
#define OPT_IF_TSRESOL    9
#define OPT_IF_TSOFFSET   14
#define OPT_EPB_FLAGS     2

/* Smallest legal total length of each block: header, fixed body, trailer. */
#define MIN_BLOCK_LEN 12
#define MIN_SHB_LEN   28
#define MIN_IDB_LEN   20
#define MIN_EPB_LEN   32
#define MIN_PB_LEN    32
#define MIN_SPB_LEN   16

#define PAD4(n) (((n) + 3u) & ~3u)

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

static inline guint64
get_u64 (const guint8 *p,
         gboolean      swapped)
{
  guint64 v;

  memcpy (&v, p, 8);
  return swapped ? GUINT64_SWAP_LE_BE (v) : v;
}

/* Walks the options in BLOCK[start, end).  Returns FALSE when none is left.
 * An option running past the block ends the walk quietly: options are
 * extras, and the block's own length was already checked. */
typedef struct {
  const guint8 *block;
  gsize         pos;
  gsize         end;
  gboolean      swapped;
} OptionIter;

static gboolean
option_next (OptionIter    *iter,
             guint16       *code,
             const guint8 **value,
             guint16       *len)
{
  if (iter->pos + 4 > iter->end)
    return FALSE;
  *code = get_u16 (iter->block + iter->pos, iter->swapped);
  *len = get_u16 (iter->block + iter->pos + 2, iter->swapped);
  if (*code == OPT_ENDOFOPT || iter->pos + 4 + *len > iter->end)
    return FALSE;
  *value = iter->block + iter->pos + 4;
  iter->pos += 4 + PAD4 ((gsize) *len);
  return TRUE;
}

/* Checks the lengths every block shares.  MAX bounds what we will hold. */
static gboolean
check_block_length (RemoraCaptureReader  *reader,
                    GError              **error,
                    guint64               offset,
                    const char           *what,
                    guint32               len,
                    guint32               min,
                    guint32               max)
{
  if (len < min)
    _remora_reader_set_damaged (reader, error,
                                "%s at offset %" G_GUINT64_FORMAT " has a length of %u, "
                                "less than the minimum of %u", what, offset, len, min);
  else if (len % 4 != 0)
    _remora_reader_set_damaged (reader, error,
                                "%s at offset %" G_GUINT64_FORMAT " has a length of %u, "
                                "not a multiple of 4", what, offset, len);
  else if (len > max)
    _remora_reader_set_damaged (reader, error,
                                "%s at offset %" G_GUINT64_FORMAT " has a length of %u, "
                                "more than the maximum of %u", what, offset, len, max);
  else
    return TRUE;
  return FALSE;
}

/* Peeks a whole block of LEN bytes and checks its trailing length. */
static const guint8 *
peek_block (RemoraCaptureReader  *reader,
            GError              **error,
            guint64               offset,
            const char           *what,
            guint32               len,
            gboolean              swapped)
{
  const guint8 *p;
  gsize avail;
  guint32 trailer;

  p = _remora_reader_peek (reader, len, &avail, error);
  if (p == NULL)
    return NULL;
  if (avail < len)
    {
      _remora_reader_set_truncated (reader, error, offset);
      return NULL;
    }
  trailer = get_u32 (p + len - 4, swapped);
  if (trailer != len)
    {
      _remora_reader_set_damaged (reader, error,
                                  "%s at offset %" G_GUINT64_FORMAT " ends with a length of %u, "
                                  "but starts with %u", what, offset, trailer, len);
      return NULL;
    }
  return p;
}

/* Reads a Section Header Block at the current position.  FIRST is TRUE
 * for the one that opens the file, where a bad byte-order magic means the
 * file is not pcapng at all. */
static gboolean
read_shb (RemoraCaptureReader  *reader,
          gboolean              first,
          GError              **error)
{
  const guint64 offset = reader->pos;
  const guint8 *p;
  gsize avail;
  guint32 bom, len;
  guint16 major, minor;
  gboolean swapped;

  p = _remora_reader_peek (reader, 12, &avail, error);
  if (p == NULL)
    return FALSE;
  if (avail < 12)
    {
      if (first)
        g_set_error (error, REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_TRUNCATED,
                     "The file \"%s\" appears to have been cut short in the middle of "
                     "the file header.", reader->display_name);
      else
        _remora_reader_set_truncated (reader, error, offset);
      return FALSE;
    }

  memcpy (&bom, p + 8, 4);
  if (bom == BYTE_ORDER_MAGIC)
    swapped = FALSE;
  else if (bom == GUINT32_SWAP_LE_BE (BYTE_ORDER_MAGIC))
    swapped = TRUE;
  else
    {
      if (first)
        g_set_error (error, REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_NOT_CAPTURE,
                     "The file \"%s\" isn't a capture file in a format Remora understands.",
                     reader->display_name);
      else
        _remora_reader_set_damaged (reader, error,
                                    "section header at offset %" G_GUINT64_FORMAT
                                    " has an unknown byte-order magic 0x%08x",
                                    offset, bom);
      return FALSE;
    }

  len = get_u32 (p + 4, swapped);
  if (!check_block_length (reader, error, offset, "section header", len,
                           MIN_SHB_LEN, REMORA_PCAPNG_MAX_META_BLOCK))
    return FALSE;
  p = peek_block (reader, error, offset, "section header", len, swapped);
  if (p == NULL)
    return FALSE;

  major = get_u16 (p + 12, swapped);
  minor = get_u16 (p + 14, swapped);
  if (major != 1)
    {
      g_set_error (error, REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_UNSUPPORTED,
                   "The file \"%s\" has a pcapng section of version %u.%u at offset %"
                   G_GUINT64_FORMAT ", which Remora cannot read.",
                   reader->display_name, major, minor, offset);
      return FALSE;
    }

  reader->section_swapped = swapped;
  reader->section_first_iface = reader->interfaces->len;
  _remora_reader_consume (reader, len);
  return TRUE;
}

static gboolean
read_idb (RemoraCaptureReader  *reader,
          const guint8         *p,
          guint32               len,
          guint64               offset,
          GError              **error)
{
  const gboolean swapped = reader->section_swapped;
  RemoraInterface iface = { 0 };
  OptionIter iter = { p, 16, len - 4, swapped };
  const guint8 *value;
  guint16 code, vlen;

  iface.link_type = get_u16 (p + 8, swapped);
  iface.snaplen = get_u32 (p + 12, swapped);
  iface.ts_units = 1000000;

  while (option_next (&iter, &code, &value, &vlen))
    {
      switch (code)
        {
        case OPT_IF_NAME:
          g_free (iface.name);
          iface.name = g_strndup ((const char *) value, MIN (vlen, REMORA_MAX_INTERFACE_STRING));
          break;

        case OPT_IF_DESC:
          g_free (iface.description);
          iface.description = g_strndup ((const char *) value, MIN (vlen, REMORA_MAX_INTERFACE_STRING));
          break;

        case OPT_IF_TSRESOL:
          if (vlen >= 1)
            {
              guint exponent = value[0] & 0x7f;

              /* High bit set: a power of 2; clear: a power of 10.  Past
               * 2^63 or 10^19 the unit count no longer fits 64 bits. */
              if ((value[0] & 0x80) != 0 ? exponent > 63 : exponent > 19)
                {
                  g_free (iface.name);
                  g_free (iface.description);
                  _remora_reader_set_damaged (reader, error,
                                              "interface block at offset %" G_GUINT64_FORMAT
                                              " has an impossible timestamp resolution 0x%02x",
                                              offset, value[0]);
                  return FALSE;
                }
              if ((value[0] & 0x80) != 0)
                iface.ts_units = G_GUINT64_CONSTANT (1) << exponent;
              else
                {
                  iface.ts_units = 1;
                  for (guint i = 0; i < exponent; i++)
                    iface.ts_units *= 10;
                }
            }
          break;

        case OPT_IF_TSOFFSET:
          if (vlen == 8)
            iface.ts_offset_s = (gint64) get_u64 (value, swapped);
          break;

        default:
          break;
        }
    }

  return _remora_reader_add_interface (reader, &iface, error);
}

/* Maps a section-local interface number to the global one. */
static gboolean
resolve_interface (RemoraCaptureReader  *reader,
                   guint32               local_id,
                   guint64               offset,
                   guint32              *global_id,
                   GError              **error)
{
  guint n_section = reader->interfaces->len - reader->section_first_iface;

  if (local_id >= n_section)
    {
      _remora_reader_set_damaged (reader, error,
                                  "packet block at offset %" G_GUINT64_FORMAT " refers to "
                                  "interface %u, but its section defines only %u",
                                  offset, local_id, n_section);
      return FALSE;
    }
  *global_id = reader->section_first_iface + local_id;
  return TRUE;
}

static guint32
read_flags_option (const guint8 *p,
                   gsize         start,
                   gsize         end,
                   gboolean      swapped)
{
  OptionIter iter = { p, start, end, swapped };
  const guint8 *value;
  guint16 code, vlen;

  while (option_next (&iter, &code, &value, &vlen))
    if (code == OPT_EPB_FLAGS && vlen == 4)
      return get_u32 (value, swapped);
  return 0;
}

/* Fills RECORD from an EPB or an obsolete PB: they differ only in the
 * width of the interface field. */
static gboolean
read_packet_block (RemoraCaptureReader  *reader,
                   const guint8         *p,
                   guint32               type,
                   guint32               len,
                   guint64               offset,
                   RemoraPacketRecord   *record,
                   GError              **error)
{
  const gboolean swapped = reader->section_swapped;
  guint32 local_id, global_id, cap_len;
  guint64 ts;

  if (type == BLOCK_EPB)
    local_id = get_u32 (p + 8, swapped);
  else
    local_id = get_u16 (p + 8, swapped);
  ts = ((guint64) get_u32 (p + 12, swapped) << 32) | get_u32 (p + 16, swapped);
  cap_len = get_u32 (p + 20, swapped);

  if (cap_len > REMORA_MAX_PACKET_SIZE)
    {
      _remora_reader_set_damaged (reader, error,
                                  "record at offset %" G_GUINT64_FORMAT " claims %u captured "
                                  "bytes, more than the maximum of %u",
                                  offset, cap_len, REMORA_MAX_PACKET_SIZE);
      return FALSE;
    }
  if ((guint64) 28 + PAD4 (cap_len) + 4 > len)
    {
      _remora_reader_set_damaged (reader, error,
                                  "record at offset %" G_GUINT64_FORMAT " claims %u captured "
                                  "bytes, more than its block of %u bytes holds",
                                  offset, cap_len, len);
      return FALSE;
    }
  if (!resolve_interface (reader, local_id, offset, &global_id, error))
    return FALSE;

  record->data = p + 28;
  record->data_offset = offset + 28;
  record->cap_len = cap_len;
  record->orig_len = get_u32 (p + 24, swapped);
  record->iface_id = global_id;
  record->ts_ns = _remora_reader_ts_to_ns (&g_array_index (reader->ts_conv, RemoraTsConv,
                                                           global_id), ts);
  record->flags = read_flags_option (p, 28 + PAD4 (cap_len), len - 4, swapped);
  record->file_offset = offset;
  return TRUE;
}

static gboolean
read_simple_packet_block (RemoraCaptureReader  *reader,
                          const guint8         *p,
                          guint32               len,
                          guint64               offset,
                          RemoraPacketRecord   *record,
                          GError              **error)
{
  const RemoraInterface *iface;
  guint32 global_id, cap_len;

  /* An SPB always belongs to the section's first interface. */
  if (!resolve_interface (reader, 0, offset, &global_id, error))
    return FALSE;
  iface = &g_array_index (reader->interfaces, RemoraInterface, global_id);

  record->orig_len = get_u32 (p + 8, reader->section_swapped);
  cap_len = MIN (record->orig_len, len - MIN_SPB_LEN);
  if (iface->snaplen != 0)
    cap_len = MIN (cap_len, iface->snaplen);
  cap_len = MIN (cap_len, REMORA_MAX_PACKET_SIZE);

  record->data = p + 12;
  record->data_offset = offset + 12;
  record->cap_len = cap_len;
  record->iface_id = global_id;
  /* The block has no timestamp; the epoch is what other readers show. */
  record->ts_ns = 0;
  record->flags = 0;
  record->file_offset = offset;
  return TRUE;
}

gboolean
_remora_pcapng_open (RemoraCaptureReader  *reader,
                     GError              **error)
{
  return read_shb (reader, TRUE, error);
}

RemoraReadStatus
_remora_pcapng_next (RemoraCaptureReader  *reader,
                     RemoraPacketRecord   *record,
                     GError              **error)
{
  for (;;)
    {
      const guint64 offset = reader->pos;
      const guint8 *p;
      gsize avail;
      guint32 type, len;
      gint64 skipped;

      p = _remora_reader_peek (reader, 8, &avail, error);
      if (p == NULL)
        return REMORA_READ_ERROR;
      if (avail < 8)
        {
          if (avail == 0)
            return _remora_reader_at_end (reader, error);
          _remora_reader_set_truncated (reader, error, offset);
          return REMORA_READ_ERROR;
        }

      /* The SHB type reads the same in both byte orders. */
      memcpy (&type, p, 4);
      if (type == BLOCK_SHB)
        {
          if (!read_shb (reader, FALSE, error))
            return REMORA_READ_ERROR;
          continue;
        }

      type = get_u32 (p, reader->section_swapped);
      len = get_u32 (p + 4, reader->section_swapped);

      switch (type)
        {
        case BLOCK_EPB:
        case BLOCK_PB:
          if (!check_block_length (reader, error, offset, "packet block", len,
                                   type == BLOCK_EPB ? MIN_EPB_LEN : MIN_PB_LEN,
                                   REMORA_PCAPNG_MAX_PACKET_BLOCK))
            return REMORA_READ_ERROR;
          p = peek_block (reader, error, offset, "packet block", len, reader->section_swapped);
          if (p == NULL || !read_packet_block (reader, p, type, len, offset, record, error))
            return REMORA_READ_ERROR;
          _remora_reader_consume (reader, len);
          return REMORA_READ_PACKET;

        case BLOCK_SPB:
          if (!check_block_length (reader, error, offset, "simple packet block", len,
                                   MIN_SPB_LEN, REMORA_PCAPNG_MAX_PACKET_BLOCK))
            return REMORA_READ_ERROR;
          p = peek_block (reader, error, offset, "simple packet block", len,
                          reader->section_swapped);
          if (p == NULL || !read_simple_packet_block (reader, p, len, offset, record, error))
            return REMORA_READ_ERROR;
          _remora_reader_consume (reader, len);
          return REMORA_READ_PACKET;

        case BLOCK_IDB:
          if (!check_block_length (reader, error, offset, "interface block", len,
                                   MIN_IDB_LEN, REMORA_PCAPNG_MAX_META_BLOCK))
            return REMORA_READ_ERROR;
          p = peek_block (reader, error, offset, "interface block", len,
                          reader->section_swapped);
          if (p == NULL || !read_idb (reader, p, len, offset, error))
            return REMORA_READ_ERROR;
          _remora_reader_consume (reader, len);
          break;

        default:
          /* Name resolution, statistics, secrets, custom and unknown
           * blocks: skipped without being held in memory, but their
           * framing is still checked. */
          if (!check_block_length (reader, error, offset, "block", len,
                                   MIN_BLOCK_LEN, REMORA_PCAPNG_MAX_BLOCK))
            return REMORA_READ_ERROR;
          skipped = _remora_reader_skip (reader, len - 4, error);
          if (skipped < 0)
            return REMORA_READ_ERROR;
          if (skipped < len - 4)
            {
              _remora_reader_set_truncated (reader, error, offset);
              return REMORA_READ_ERROR;
            }
          p = _remora_reader_peek (reader, 4, &avail, error);
          if (p == NULL)
            return REMORA_READ_ERROR;
          if (avail < 4)
            {
              _remora_reader_set_truncated (reader, error, offset);
              return REMORA_READ_ERROR;
            }
          if (get_u32 (p, reader->section_swapped) != len)
            {
              _remora_reader_set_damaged (reader, error,
                                          "block at offset %" G_GUINT64_FORMAT " ends with a "
                                          "length of %u, but starts with %u", offset,
                                          get_u32 (p, reader->section_swapped), len);
              return REMORA_READ_ERROR;
            }
          _remora_reader_consume (reader, 4);
          break;
        }
    }
}
