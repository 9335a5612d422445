/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "remora-packet.h"

G_BEGIN_DECLS

/* The display filter language of Wireshark 4.0, compiled once into a
 * predicate tree and then tested against dissected packets.
 *
 * Use: compile; OR remora_dfilter_get_wanted () into the packet's wanted
 * array (with whatever else the caller records); dissect in fields mode;
 * remora_dfilter_match ().  A compiled filter keeps scratch buffers, so one
 * RemoraDfilter must not be matched from two threads at once (compile one
 * per thread instead). */
typedef struct _RemoraDfilter RemoraDfilter;

typedef struct {
  char  *message;   /* as tshark 4.0 words it: "\"xor\" was unexpected in this context." */
  guint  start;     /* byte span of the offending text in the filter */
  guint  length;
} RemoraDfilterError;

/* NULL, "" or only white space compile to a filter that matches every
 * packet.  On failure returns NULL and sets *ERROR (when ERROR is not NULL). */
RemoraDfilter      *remora_dfilter_compile       (const char          *text,
                                                  RemoraDfilterError **error);
/* Deprecated forms 4.0 accepts with a warning; NULL-terminated, never NULL. */
const char *const  *remora_dfilter_get_warnings  (RemoraDfilter       *dfilter);
/* remora_field_count () bytes; 1 = the filter reads that field. */
const guint8       *remora_dfilter_get_wanted    (RemoraDfilter       *dfilter);
/* Does PKT (dissected with at least the wanted fields) pass?  Does not
 * allocate once the filter has seen a few packets. */
gboolean            remora_dfilter_match         (RemoraDfilter       *dfilter,
                                                  const RemoraPacket  *pkt);
/* The compiled tree as text, in the manner of Wireshark's dftest. */
char               *remora_dfilter_explain       (RemoraDfilter       *dfilter);
/* The text the filter was compiled from. */
const char         *remora_dfilter_get_text      (RemoraDfilter       *dfilter);
void                remora_dfilter_free          (RemoraDfilter       *dfilter);
void                remora_dfilter_error_free    (RemoraDfilterError  *error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemoraDfilter, remora_dfilter_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemoraDfilterError, remora_dfilter_error_free)

G_END_DECLS
