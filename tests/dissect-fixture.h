/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the dissector tests share: a frame builder, and a fixture that runs
 * frames through a session in tree or fields mode and checks what a user
 * would see (field values as tshark -T fields prints them, tree labels,
 * columns).  Included by one test program each, so everything is static. */

#include <string.h>

#include "remora-dissect.h"
#include "remora-format.h"

typedef struct {
  guint8 bytes[512];
  guint  len;
} Frame;

static inline void
put (Frame *f, const void *data, guint len)
{
  g_assert_cmpuint (f->len + len, <=, sizeof f->bytes);
  memcpy (f->bytes + f->len, data, len);
  f->len += len;
}

static inline void
put8 (Frame *f, guint v)
{
  guint8 b = (guint8) v;
  put (f, &b, 1);
}

static inline void
put16 (Frame *f, guint v)
{
  put8 (f, v >> 8);
  put8 (f, v);
}

static inline void
put32 (Frame *f, guint32 v)
{
  put16 (f, v >> 16);
  put16 (f, v & 0xffff);
}

static inline void
put_zeros (Frame *f, guint n)
{
  while (n--)
    put8 (f, 0);
}

typedef struct {
  RemoraSession *session;
  RemoraPacket  *pkt;
  guint8        *wanted;
} Fixture;

static inline void
fixture_init (Fixture *fx)
{
  remora_dissectors_init ();
  fx->session = remora_session_new ();
  fx->pkt = remora_packet_new ();
  fx->wanted = g_new0 (guint8, remora_field_count ());
  remora_packet_set_want_columns (fx->pkt, TRUE);
}

static inline void
fixture_clear (Fixture *fx)
{
  remora_packet_free (fx->pkt);
  remora_session_free (fx->session);
  g_free (fx->wanted);
}

static inline void
run_frame (Fixture *fx, guint32 number, const Frame *f, guint32 orig_len, int link_type)
{
  RemoraFrameInput in = { 0 };

  in.number = number;
  in.data = f->bytes;
  in.cap_len = f->len;
  in.orig_len = orig_len ? orig_len : f->len;
  in.ts_ns = G_GINT64_CONSTANT (1700000000000000000) + number * G_GINT64_CONSTANT (1000000000);
  in.link_type = link_type;
  remora_session_dissect (fx->session, fx->pkt, &in);
}

/* Tree mode: every node and label. */
static inline void
run_tree (Fixture *fx, guint32 number, const Frame *f, int link_type)
{
  remora_packet_set_tree_mode (fx->pkt, TRUE);
  run_frame (fx, number, f, 0, link_type);
}

/* Fields mode with FIELDS (NULL-terminated) wanted, as a filter would ask. */
static inline void
run_fields (Fixture *fx, guint32 number, const Frame *f, int link_type, const char * const *fields)
{
  memset (fx->wanted, 0, remora_field_count ());
  for (guint i = 0; fields[i]; i++)
    {
      int id = remora_field_lookup (fields[i]);

      g_assert_cmpint (id, >=, 0);
      for (; id >= 0; id = remora_field_get (id)->same_name_next)
        fx->wanted[id] = 1;
    }
  remora_packet_set_tree_mode (fx->pkt, FALSE);
  remora_packet_set_wanted (fx->pkt, fx->wanted);
  run_frame (fx, number, f, 0, link_type);
}

/* Every occurrence of ABBREV as tshark -T fields -E occurrence=a prints it. */
static inline char *
values_of (Fixture *fx, const char *abbrev)
{
  GString *out = g_string_new (NULL);
  guint n = remora_packet_get_n_nodes (fx->pkt);

  for (RemoraItem item = 1; item <= n; item++)
    {
      const RemoraNode *node = remora_packet_get_node (fx->pkt, item);
      const RemoraFieldInfo *info = node->field >= 0 ? remora_field_get (node->field) : NULL;

      if (info == NULL || strcmp (info->abbrev, abbrev) != 0)
        continue;
      if (out->len)
        g_string_append_c (out, ',');
      remora_format_value (info, node, REMORA_FORMAT_FIELDS, out);
    }
  return g_string_free (out, FALSE);
}

static inline gboolean
has_label (Fixture *fx, const char *label)
{
  g_autoptr(GString) s = g_string_new (NULL);
  guint n = remora_packet_get_n_nodes (fx->pkt);

  for (RemoraItem item = 1; item <= n; item++)
    {
      g_string_truncate (s, 0);
      remora_node_format_label (fx->pkt, item, s);
      if (strcmp (s->str, label) == 0)
        return TRUE;
    }
  return FALSE;
}

#define assert_value(fx, abbrev, expected) \
  G_STMT_START { \
    g_autofree char *v_ = values_of ((fx), (abbrev)); \
    g_assert_cmpstr (v_, ==, (expected)); \
  } G_STMT_END

#define assert_label(fx, label) \
  G_STMT_START { \
    if (!has_label ((fx), (label))) \
      g_error ("no tree item labelled \"%s\"", (label)); \
  } G_STMT_END

static inline void
assert_columns (Fixture *fx, const char *protocol, const char *src, const char *dst, const char *info)
{
  char buf[64];

  g_assert_cmpstr (fx->pkt->col_protocol, ==, protocol);
  if (src)
    g_assert_cmpstr (remora_address_to_str (&fx->pkt->src, buf, sizeof buf), ==, src);
  if (dst)
    g_assert_cmpstr (remora_address_to_str (&fx->pkt->dst, buf, sizeof buf), ==, dst);
  g_assert_cmpstr (fx->pkt->col_info->str, ==, info);
}
