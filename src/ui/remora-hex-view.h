/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define REMORA_TYPE_HEX_VIEW (remora_hex_view_get_type ())

G_DECLARE_FINAL_TYPE (RemoraHexView, remora_hex_view, REMORA, HEX_VIEW, GtkWidget)

/* The classic dump of a byte buffer, 16 bytes a line: offset, two groups
 * of 8 hex bytes, then the bytes as ASCII.  Only the lines in view are
 * laid out and drawn, so the size of the buffer does not matter.  It
 * scrolls through GtkScrollable: put it in a GtkScrolledWindow.
 *
 * Two highlights, each a (start, length) pair: the selection (a field's
 * bytes) drawn strongly, the context (its protocol's bytes) lightly.
 * A click on a byte emits "byte-activated" with its offset. */

GtkWidget *remora_hex_view_new            (void);
void       remora_hex_view_set_bytes      (RemoraHexView *self,
                                           GBytes        *bytes);
GBytes    *remora_hex_view_get_bytes      (RemoraHexView *self);
/* LENGTH 0 clears.  The selection is scrolled into view. */
void       remora_hex_view_set_selection  (RemoraHexView *self,
                                           guint          start,
                                           guint          length);
void       remora_hex_view_get_selection  (RemoraHexView *self,
                                           guint         *start,
                                           guint         *length);
void       remora_hex_view_set_context    (RemoraHexView *self,
                                           guint          start,
                                           guint          length);
void       remora_hex_view_get_context    (RemoraHexView *self,
                                           guint         *start,
                                           guint         *length);
/* The byte under (X, Y) in widget coordinates, in the hex or the ASCII
 * part; FALSE between and beyond the bytes. */
gboolean   remora_hex_view_offset_at      (RemoraHexView *self,
                                           double         x,
                                           double         y,
                                           guint         *offset);
/* Where OFFSET's two hex digits are drawn, in widget coordinates (they
 * may lie outside the widget when scrolled away). */
gboolean   remora_hex_view_get_byte_area  (RemoraHexView   *self,
                                           guint            offset,
                                           graphene_rect_t *area);

G_END_DECLS
