/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "remora-capture-document.h"
#include "remora-capture-request.h"
#include "remora-capture-session.h"
#include "remora-filter-bar.h"
#include "remora-filtered-packet-list.h"
#include "remora-hex-view.h"
#include "remora-live-filter.h"
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
 *   remora-window-file.c     save, export, close, recent files, drops and
 *                            the question before unsaved packets are lost
 *   remora-window-menus.c    the list's and the tree's context menus, "as
 *                            filter" and copy commands
 *   remora-window-view.c     the View and Go menus, Edit > Preferences
 */

typedef struct _RemoraWindowView RemoraWindowView;

struct _RemoraWindow
{
  GtkApplicationWindow   parent_instance;

  RemoraCaptureDocument *document;
  GCancellable          *load_cancellable;
  /* The person stopped the load: what was read is kept and shown. */
  gboolean               load_stopped;
  /* The running live capture feeding DOCUMENT, or NULL. */
  RemoraCaptureSession  *capture;
  /* When it started (monotonic µs), and the status line's clock. */
  gint64                 capture_started_us;
  guint                  capture_clock_id;
  /* The banner said the temporary file could not be written. */
  gboolean               capture_file_warned;
  /* The display filter over a capture still growing, while one applies. */
  RemoraLiveFilter      *live_filter;
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

  /* The order the column headers ask for (REMORA_SORT_NONE: capture
   * order).  The list reaches it after the sort computation that
   * FILTER_CANCELLABLE then belongs to; a filter's result is sorted
   * before it is shown. */
  RemoraSortKey          sort_key;
  gboolean               sort_descending;
  /* TRUE while the running computation is a sort of SORT_BASE (NULL:
   * every frame), not a filter. */
  gboolean               sorting;
  RemoraDisplayIndex    *sort_base;

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
  GtkWidget             *filter_cancel_button;
  GtkLabel              *filter_progress_label;
  GtkWidget             *load_progress_box;
  GtkProgressBar        *load_progress;
  GtkLabel              *file_label;

  /* context menus (remora-window-menus.c), and the packet list column
   * the last one was opened on */
  GtkWidget             *list_menu;
  GtkWidget             *tree_menu;
  guint                  menu_column;
  /* remora-window-view.c's state */
  RemoraWindowView      *view;
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

void _remora_window_menus_class_init (GtkWidgetClass *widget_class);
void _remora_window_menus_init       (RemoraWindow   *self);
void _remora_window_menus_dispose    (RemoraWindow   *self);
/* Packet list cells say which column and frame they show, for the menu. */
void _remora_window_menus_cell_setup (GtkWidget      *cell,
                                      guint           column);
void _remora_window_menus_cell_bind  (GtkWidget      *cell,
                                      guint           frame);
/* remora-window-colors.c: the rows' colours and View > Colorize Packet List. */
void _remora_window_colors_init            (RemoraWindow       *self);
void _remora_window_colors_connect_factory (RemoraWindow       *self,
                                            GtkListItemFactory *factory);
void _remora_window_view_class_init (GtkWidgetClass *widget_class);
void _remora_window_view_init       (RemoraWindow   *self);
void _remora_window_view_dispose    (RemoraWindow   *self);
/* The Go and zoom actions' enabled state. */
void _remora_window_view_update     (RemoraWindow   *self);

void     _remora_window_class_actions_init     (GtkWidgetClass       *widget_class);
/* Recomputes which actions can run; call it whenever their inputs (the
 * document, the selected packet, the capture) change. */
void     _remora_window_actions_update         (RemoraWindow         *self);
void     _remora_window_show_expression_dialog (RemoraWindow         *self);
void     _remora_window_start_capture          (RemoraWindow         *self,
                                                RemoraCaptureRequest *request);
void     _remora_window_stop_capture           (RemoraWindow         *self);
gboolean _remora_window_is_capturing           (RemoraWindow         *self);

/* remora-window.c, for remora-window-file.c */
void     _remora_window_show_error             (RemoraWindow         *self,
                                                const char           *message);
void     _remora_window_update_file_display    (RemoraWindow         *self);
void     _remora_window_close_document         (RemoraWindow         *self);

/* remora-window-file.c */
typedef enum {
  REMORA_DISCARD_FOR_CAPTURE,
  REMORA_DISCARD_FOR_OPEN,
  REMORA_DISCARD_FOR_CLOSE,
  REMORA_DISCARD_FOR_CLOSE_WINDOW,
  REMORA_DISCARD_FOR_QUIT,
} RemoraDiscardReason;

typedef void (*RemoraWindowProceedFunc) (RemoraWindow *self,
                                         gpointer      user_data);

void     _remora_window_file_class_init        (GtkWidgetClass       *widget_class);
void     _remora_window_file_init              (RemoraWindow         *self);
void     _remora_window_file_actions_update    (RemoraWindow         *self);
/* Runs PROCEED (USER_DATA) now when no captured packets would be lost;
 * otherwise asks whether to save them first, and runs it after a save or
 * "Continue without Saving", never after Cancel.  DESTROY frees USER_DATA
 * either way. */
void     _remora_window_confirm_discard        (RemoraWindow         *self,
                                                RemoraDiscardReason   reason,
                                                RemoraWindowProceedFunc proceed,
                                                gpointer              user_data,
                                                GDestroyNotify        destroy);
/* Starts REQUEST once no unsaved packets stand in the way. */
void     _remora_window_start_capture_confirmed (RemoraWindow        *self,
                                                 RemoraCaptureRequest *request);
/* Adds FILE to the recently used capture files; FORMAT is a
 * RemoraFileFormat, or -1 to tell it by the name. */
void     _remora_window_add_recent             (RemoraWindow         *self,
                                                GFile                *file,
                                                int                   format);
void     _remora_window_capture_class_init     (GtkWidgetClass       *widget_class);
void     _remora_window_capture_init           (RemoraWindow         *self);
void     _remora_window_capture_dispose        (RemoraWindow         *self);
void     _remora_window_capture_actions_update (RemoraWindow         *self);
/* A capture started with REQUEST (kept for Restart). */
void     _remora_window_capture_started        (RemoraWindow         *self,
                                                const RemoraCaptureRequest *request);
/* The capture ended; starts it again when a restart was asked for. */
void     _remora_window_capture_ended          (RemoraWindow         *self);
/* For the stall meter: a status line of the window's capture SESSION,
 * and the end of that capture (before the window lets SESSION go). */
void     _remora_window_capture_note_event     (RemoraWindow         *self,
                                                RemoraCaptureSession *session,
                                                const RemoraCaptureEvent *event);
void     _remora_window_capture_note_finished  (RemoraWindow         *self,
                                                RemoraCaptureSession *session);

G_END_DECLS
