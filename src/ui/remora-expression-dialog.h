/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define REMORA_TYPE_EXPRESSION_DIALOG (remora_expression_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RemoraExpressionDialog, remora_expression_dialog, REMORA, EXPRESSION_DIALOG, GtkWindow)

/* Wireshark's "Display Filter Expression" dialog: pick a protocol or
 * field, a relation and a value, and see the resulting filter compiled
 * as it is built.  Signal:
 *   "insert" (const char *text): Insert was pressed on a filter that
 *     compiles; the dialog closes itself right after. */
GtkWidget             *remora_expression_dialog_new        (GtkWindow              *parent);
/* The filter as the preview shows it ("" before a field is chosen). */
const char            *remora_expression_dialog_get_filter (RemoraExpressionDialog *self);
/* Whether that filter compiles (with or without a warning). */
gboolean               remora_expression_dialog_get_valid  (RemoraExpressionDialog *self);

G_END_DECLS
