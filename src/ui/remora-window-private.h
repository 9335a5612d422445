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
 *   remora-window-capture.c  capture controls: start page, start/stop/restart,
 *                            automatic scrolling
 */
struct _RemoraWindow
{
  GtkApplicationWindow   parent_instance;

  RemoraCaptureDocument *document;
  GCancellable          *load_cancellable;
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
  GtkLabel              *file_label;

  /* capture controls (remora-window-capture.c): the request the running
   * or last capture was started with, a restart waiting for the capture
   * to end, and whether the list follows the newest packet now */
  RemoraCaptureRequest  *capture_request;
  gboolean               capture_restart_pending;
  gboolean               auto_scroll_following;
  double                 auto_scroll_value;
  double                 auto_scroll_upper;
  guint                  auto_scroll_idle;
  GSettings             *capture_settings;
  GtkWidget             *interface_chooser;
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

void     _remora_window_capture_class_init     (GtkWidgetClass       *widget_class);
void     _remora_window_capture_init           (RemoraWindow         *self);
void     _remora_window_capture_dispose        (RemoraWindow         *self);
void     _remora_window_capture_actions_update (RemoraWindow         *self);
/* A capture started with REQUEST (kept for Restart). */
void     _remora_window_capture_started        (RemoraWindow         *self,
                                                const RemoraCaptureRequest *request);
/* The capture ended; starts it again when a restart was asked for. */
void     _remora_window_capture_ended          (RemoraWindow         *self);

G_END_DECLS
