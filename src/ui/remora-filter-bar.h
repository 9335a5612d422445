/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "remora-display-index.h"
#include "remora-field-completion.h"

G_BEGIN_DECLS

typedef enum {
  REMORA_FILTER_STATE_EMPTY,     /* no filter: every packet */
  REMORA_FILTER_STATE_VALID,     /* compiles (green) */
  REMORA_FILTER_STATE_WARNING,   /* compiles, with a deprecation warning (yellow) */
  REMORA_FILTER_STATE_INVALID,   /* does not compile (red); never applied */
} RemoraFilterState;

#define REMORA_TYPE_FILTER_STATE (remora_filter_state_get_type ())
GType remora_filter_state_get_type (void) G_GNUC_CONST;

#define REMORA_TYPE_FILTER_BAR (remora_filter_bar_get_type ())

G_DECLARE_FINAL_TYPE (RemoraFilterBar, remora_filter_bar, REMORA, FILTER_BAR, GtkBox)

/* The display filter entry.  Signals:
 *   "apply" (const char *text): Enter, Apply, a recent filter, or Clear
 *     (with ""); never emitted for a filter that does not compile.
 *   "expression-requested": the Expression… button.
 * Property "show-expression-button" (default TRUE) shows that button. */
GtkWidget             *remora_filter_bar_new               (void);
const char            *remora_filter_bar_get_text          (RemoraFilterBar           *self);
/* Sets the text as a program would (no completion offered). */
void                   remora_filter_bar_set_text          (RemoraFilterBar           *self,
                                                            const char                *text);
RemoraFilterState      remora_filter_bar_get_state         (RemoraFilterBar           *self);
/* The compiler's error or warning for the text, or NULL. */
const char            *remora_filter_bar_get_message       (RemoraFilterBar           *self);
/* Packets the text matches in the current source, -1 while unknown. */
int                    remora_filter_bar_get_match_count   (RemoraFilterBar           *self);
/* The capture the live count runs over; NULL stops counting.  OWNER
 * owns SOURCE's store, session and lock and is kept alive while a count
 * runs.  The source is copied. */
void                   remora_filter_bar_set_source        (RemoraFilterBar           *self,
                                                            GObject                   *owner,
                                                            const RemoraDisplaySource *source);
/* Emits "apply" for the current text when it compiles. */
gboolean               remora_filter_bar_apply             (RemoraFilterBar           *self);
/* Focuses the entry and selects its text (Ctrl+/). */
void                   remora_filter_bar_focus             (RemoraFilterBar           *self);
GtkEntry              *remora_filter_bar_get_entry         (RemoraFilterBar           *self);
RemoraFieldCompletion *remora_filter_bar_get_completion    (RemoraFilterBar           *self);
/* Most recent first; owned by the bar. */
const char * const    *remora_filter_bar_get_recent        (RemoraFilterBar           *self);

G_END_DECLS
