/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "remora-tvb.h"

G_BEGIN_DECLS

/* Longest name text kept, in wire characters with the dots; longer names
 * read as "<Name too long>", as Wireshark shows them. */
#define REMORA_DNS_NAME_MAX 253

/* Labels and pointers one message's names may step through past their
 * first pointer before each name's walk is bounded: far more than the
 * names of any real message need (10,000 names of 100 labels), so those
 * read exactly as tshark reads them. */
#define REMORA_DNS_NAME_WALK_BUDGET 1000000u

/* Once that is spent, most bytes of labels and pointers walked for one
 * name once it has followed a pointer: twice what the longest valid name
 * takes (255 bytes of labels, a pointer per label).  A longer walk ends
 * there as "<Name too long>" (or as a loop when the labels were short and
 * pointers made it long), so reading every name of a message costs a
 * bounded amount per name beyond its own bytes. */
#define REMORA_DNS_NAME_MAX_WALK 1024

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
 * message is taken for a pointer loop.
 * BUDGET (NULL: none) is the message's REMORA_DNS_NAME_WALK_BUDGET, spent
 * here; once it is, a walk past a pointer stops after
 * REMORA_DNS_NAME_MAX_WALK bytes. */
void remora_dns_name_read (const RemoraTvb *msg,
                           guint32          offset,
                           guint32         *budget,
                           RemoraDnsName   *out);

G_END_DECLS
