/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The packet list's row colours: one CSS class per coloring rule
 * (remora-coloring-rules.h), its colours in a provider made from the
 * rules, and the class put on a row's cells. */

/* "packet-color-" and the rule's name in lower case, words joined by
 * dashes: "packet-color-arp", "packet-color-tcp-syn-fin".  NULL for -1
 * or an index past the rules. */
const char *remora_packet_colors_get_css_class (int        rule);
/* Loads the rules' colours for DISPLAY, once. */
void        remora_packet_colors_ensure_css    (GdkDisplay *display);
/* Gives CELL (a column view cell) the class of RULE, or none for -1,
 * in place of the one it had. */
void        remora_packet_colors_apply         (GtkWidget  *cell,
                                                int         rule);

G_END_DECLS
