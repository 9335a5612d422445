/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "remora-capture-document.h"
#include "remora-capture-request.h"
#include "remora-capture-session.h"
#include "remora-filter-bar.h"
#include "remora-filtered-packet-list.h"
#include "remora-hex-view.h"
#include "remora-proto-tree.h"
#include "remora-window.h"

G_BEGIN_DECLS

/* The window is split by concern across files that share this struct:
 *   remora-window.c          document, loading, title, status, packet list,
 *                            display filter, actions
 *   remora-window-details.c  the protocol tree and bytes panes of the selected packet
 *   remora-window-actions.c  the win. actions, their keys and enabled state
 */
struct _RemoraWindow
{
  GtkApplicationWindow   parent_instance;

  RemoraCaptureDocument *document;
  GCancellable          *load_cancellable;
  /* The person stopped the load: what was read is kept and shown. */
  gboolean               load_stopped;
  /* The running live capture feeding DOCUMENT, or NULL. */
  RemoraCaptureSession  *capture;
  RemoraFilteredPacketList *packet_list;
  GtkSingleSelection    *selection;
  /* TRUE while a new display index replaces the old one: the selection
   * goes and comes back, and the panes need not follow each step. */
  gboolean               swapping_index;

  /* The display filter last applied ("" for none), and its computation
   * while one runs. */
  char                  *filter_text;
  GCancellable          *filter_cancellable;
  guint                  filter_progress_timeout;

  /* the selected packet, dissected in tree mode (or NULL), and the frame
   * displayed before it when it was dissected */
  RemoraPacketSnapshot  *snapshot;
  guint                  snapshot_prev_displayed;

  /* template widgets */
  GtkLabel              *title_label;
  GtkLabel              *subtitle_label;
  GtkInfoBar            *error_bar;
  GtkLabel              *error_label;
  RemoraFilterBar       *filter_bar;
  GtkStack              *stack;
  GtkSpinner            *spinner;
  GtkPaned              *main_paned;
  GtkPaned              *details_paned;
  GtkColumnView         *column_view;
  RemoraProtoTree       *proto_tree;
  GtkNotebook           *bytes_notebook;
  GtkLabel              *packets_label;
  GtkWidget             *filter_progress_box;
  GtkProgressBar        *filter_progress;
  GtkWidget             *load_progress_box;
  GtkProgressBar        *load_progress;
  GtkLabel              *file_label;
};

void _remora_window_details_class_init (GtkWidgetClass *widget_class);
void _remora_window_details_init       (RemoraWindow   *self);
void _remora_window_details_dispose    (RemoraWindow   *self);
/* Shows frame NUMBER (0: none) in the tree and bytes panes; dissects it
 * again only when it or the frame displayed before it changed. */
void _remora_window_details_show_frame (RemoraWindow   *self,
                                        guint           number);

void     _remora_window_class_actions_init     (GtkWidgetClass       *widget_class);
/* Recomputes which actions can run; call it whenever their inputs (the
 * document, the selected packet, the capture) change. */
void     _remora_window_actions_update         (RemoraWindow         *self);
void     _remora_window_show_expression_dialog (RemoraWindow         *self);
void     _remora_window_start_capture          (RemoraWindow         *self,
                                                RemoraCaptureRequest *request);
void     _remora_window_stop_capture           (RemoraWindow         *self);
gboolean _remora_window_is_capturing           (RemoraWindow         *self);

G_END_DECLS
