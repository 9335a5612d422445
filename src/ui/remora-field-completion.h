/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define REMORA_TYPE_FIELD_COMPLETION (remora_field_completion_get_type ())

G_DECLARE_FINAL_TYPE (RemoraFieldCompletion, remora_field_completion, REMORA, FIELD_COMPLETION, GObject)

/* Offers the registry's protocol and field names (with their
 * descriptions) for the word being typed in ENTRY, in a popover under
 * it: Up/Down choose, Enter or Tab insert, Escape closes.  The
 * completion lives as long as ENTRY (it unparents its popover when the
 * entry goes away); the caller keeps a reference. */
RemoraFieldCompletion *remora_field_completion_new         (GtkEntry              *entry);
/* Programmatic text changes between freeze and thaw offer nothing. */
void                   remora_field_completion_freeze      (RemoraFieldCompletion *self);
void                   remora_field_completion_thaw        (RemoraFieldCompletion *self);
void                   remora_field_completion_hide        (RemoraFieldCompletion *self);
gboolean               remora_field_completion_is_shown    (RemoraFieldCompletion *self);
/* GtkStringObject items: the abbreviations offered now, sorted. */
GListModel            *remora_field_completion_get_model   (RemoraFieldCompletion *self);
GtkPopover            *remora_field_completion_get_popover (RemoraFieldCompletion *self);
/* Replaces the word at the cursor with the offer at POSITION. */
void                   remora_field_completion_accept      (RemoraFieldCompletion *self,
                                                            guint                  position);

G_END_DECLS
