/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Ethernet + IPv4 + UDP/TCP frames built in memory for the DNS and DHCP
 * tests, dissected through a session like a capture's frames. */

#include <stdio.h>
#include <string.h>

#include "remora-dissect.h"

static inline void
tf_put16 (GByteArray *ba, guint v)
{
  guint8 b[2] = { (guint8) (v >> 8), (guint8) v };
  g_byte_array_append (ba, b, 2);
}

static inline void
tf_put32 (GByteArray *ba, guint32 v)
{
  tf_put16 (ba, v >> 16);
  tf_put16 (ba, v & 0xffff);
}

/* Appends a name in wire form ("www.example.com" -> 3www7example3com0). */
static inline void
tf_name (GByteArray *ba, const char *name)
{
  g_auto(GStrv) labels = g_strsplit (name, ".", -1);

  for (guint i = 0; labels[i] != NULL; i++)
    if (labels[i][0] != '\0')
      {
        guint8 len = (guint8) strlen (labels[i]);
        g_byte_array_append (ba, &len, 1);
        g_byte_array_append (ba, (const guint8 *) labels[i], len);
      }
  g_byte_array_append (ba, (const guint8 *) "", 1);
}

/* An Ethernet/IPv4 frame around a UDP (proto 17) or TCP (6) payload. */
static inline GByteArray *
tf_frame (guint8 proto, const char *src, const char *dst, guint sport, guint dport,
          guint32 seq, const guint8 *payload, guint len)
{
  static const guint8 eth[] = { 0, 0x11, 0x22, 0x33, 0x44, 0x55, 0, 0x11, 0x22, 0x33, 0x44, 0x66, 0x08, 0x00 };
  GByteArray *ba = g_byte_array_new ();
  guint l4 = proto == 17 ? 8 : 20;
  guint32 s = 0, d = 0;
  guint a, b, c, e;

  g_assert (sscanf (src, "%u.%u.%u.%u", &a, &b, &c, &e) == 4);
  s = a << 24 | b << 16 | c << 8 | e;
  g_assert (sscanf (dst, "%u.%u.%u.%u", &a, &b, &c, &e) == 4);
  d = a << 24 | b << 16 | c << 8 | e;
  g_byte_array_append (ba, eth, sizeof eth);
  tf_put16 (ba, 0x4500);
  tf_put16 (ba, 20 + l4 + len);
  tf_put32 (ba, 0x00010000);
  tf_put16 (ba, 64 << 8 | proto);
  tf_put16 (ba, 0);
  tf_put32 (ba, s);
  tf_put32 (ba, d);
  tf_put16 (ba, sport);
  tf_put16 (ba, dport);
  if (proto == 17)
    {
      tf_put16 (ba, 8 + len);
      tf_put16 (ba, 0);
    }
  else
    {
      tf_put32 (ba, seq);
      tf_put32 (ba, 1);
      tf_put16 (ba, 5 << 12 | 0x18);
      tf_put16 (ba, 65535);
      tf_put32 (ba, 0);
    }
  g_byte_array_append (ba, payload, len);
  return ba;
}

/* The dissected packet points into its frame (pkt->frame, byte and string
 * values), and the tests read it after the caller has freed its bytes: so
 * the frame is copied here and kept until the next one is dissected. */
static GByteArray *tf_frame_bytes;
static RemoraFrameInput tf_frame_input;

static inline void
tf_dissect (RemoraSession *session, RemoraPacket *pkt, guint32 number, gint64 ts_ns,
            const GByteArray *ba, int link_type)
{
  g_clear_pointer (&tf_frame_bytes, g_byte_array_unref);
  tf_frame_bytes = g_byte_array_sized_new (ba->len);
  g_byte_array_append (tf_frame_bytes, ba->data, ba->len);

  memset (&tf_frame_input, 0, sizeof tf_frame_input);
  tf_frame_input.number = number;
  tf_frame_input.data = tf_frame_bytes->data;
  tf_frame_input.cap_len = tf_frame_bytes->len;
  tf_frame_input.orig_len = tf_frame_bytes->len;
  tf_frame_input.ts_ns = ts_ns;
  tf_frame_input.link_type = link_type;
  remora_session_dissect (session, pkt, &tf_frame_input);
}

static inline RemoraItem
tf_find (RemoraPacket *pkt, const char *abbrev, guint nth)
{
  int id = remora_field_lookup (abbrev);

  g_assert_cmpint (id, >=, 0);
  for (guint i = 1; i <= remora_packet_get_n_nodes (pkt); i++)
    {
      const RemoraNode *n = remora_packet_get_node (pkt, i);
      const RemoraFieldInfo *info = n->field >= 0 ? remora_field_get (n->field) : NULL;

      if (info != NULL && strcmp (info->abbrev, abbrev) == 0 && nth-- == 0)
        return i;
    }
  return 0;
}

static inline guint64
tf_uint (RemoraPacket *pkt, const char *abbrev, guint nth)
{
  RemoraItem it = tf_find (pkt, abbrev, nth);

  if (it == 0)
    g_error ("no %s #%u", abbrev, nth);
  return remora_packet_get_node (pkt, it)->value.u;
}

static inline char *
tf_label (RemoraPacket *pkt, const char *abbrev, guint nth)
{
  GString *s = g_string_new (NULL);
  RemoraItem it = tf_find (pkt, abbrev, nth);

  if (it == 0)
    g_error ("no %s #%u", abbrev, nth);
  remora_node_format_label (pkt, it, s);
  return g_string_free (s, FALSE);
}

static inline char *
tf_string (RemoraPacket *pkt, const char *abbrev, guint nth)
{
  RemoraItem it = tf_find (pkt, abbrev, nth);
  const RemoraNode *n;

  if (it == 0)
    g_error ("no %s #%u", abbrev, nth);
  n = remora_packet_get_node (pkt, it);
  return g_strndup ((const char *) n->value.bytes.ptr, n->value.bytes.len);
}

static inline gboolean
tf_has_text (RemoraPacket *pkt, const char *text)
{
  GString *s = g_string_new (NULL);
  gboolean found = FALSE;

  for (guint i = 1; i <= remora_packet_get_n_nodes (pkt) && !found; i++)
    {
      g_string_truncate (s, 0);
      remora_node_format_label (pkt, i, s);
      found = strcmp (s->str, text) == 0;
    }
  g_string_free (s, TRUE);
  return found;
}

static inline RemoraPacket *
tf_tree_packet (void)
{
  RemoraPacket *pkt = remora_packet_new ();

  remora_packet_set_tree_mode (pkt, TRUE);
  remora_packet_set_want_columns (pkt, TRUE);
  return pkt;
}
