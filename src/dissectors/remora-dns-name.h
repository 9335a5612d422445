/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "remora-tvb.h"

G_BEGIN_DECLS

/* Longest name text kept, in wire characters with the dots; longer names
 * read as "<Name too long>", as Wireshark shows them. */
#define REMORA_DNS_NAME_MAX 253

/* Most compression pointers followed in one name before it counts as a
 * loop (fewer in messages under 2 * this many bytes). */
#define REMORA_DNS_NAME_MAX_POINTERS 127

typedef enum {
  REMORA_DNS_NAME_OK,
  REMORA_DNS_NAME_ROOT,       /* "<Root>" */
  REMORA_DNS_NAME_LOOP,       /* "<Name contains a pointer that loops>" */
  REMORA_DNS_NAME_TOO_LONG,   /* "<Name too long>" */
  REMORA_DNS_NAME_EXT_LABEL,  /* "<Unknown extended label>" */
} RemoraDnsNameStatus;

typedef struct {
  /* Display form: printable as is, control bytes escaped ("\000", "\t"),
   * bytes that are not UTF-8 as U+FFFD.  Each wire byte takes at most 4. */
  char                text[REMORA_DNS_NAME_MAX * 4 + 1];
  guint32             text_len;
  guint32             raw_len;  /* "Name Length": wire characters with dots, or the placeholder's length */
  guint16             labels;   /* "Label Count": dots of the text + 1 */
  guint32             used;     /* bytes of the name at its offset (up to its first pointer) */
  RemoraDnsNameStatus status;
} RemoraDnsName;

/* Reads the (possibly compressed) name at OFFSET of MSG, a view that starts
 * at the DNS header so that pointers are offsets into it.  Reads past MSG
 * throw; a reserved label type (0x80) is malformed.  A walk longer than the
 * message, or following more than REMORA_DNS_NAME_MAX_POINTERS pointers, is
 * taken for a pointer loop, which bounds the pointers followed per name. */
void remora_dns_name_read (const RemoraTvb *msg,
                           guint32          offset,
                           RemoraDnsName   *out);

G_END_DECLS
