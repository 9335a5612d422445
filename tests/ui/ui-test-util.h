/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "remora-application.h"
#include "remora-filter-bar.h"
#include "remora-proto-tree.h"
#include "remora-window.h"

G_BEGIN_DECLS

/* What every test under tests/ui needs to drive real widgets under Xvfb:
 * running the main loop until something a person would see holds, finding
 * widgets the way a person finds them (by type, name or visible text),
 * input through the X server with xdotool, and screenshots written into
 * the build folder. */

/* How long a wait may take before the test fails rather than hangs. */
#define UI_TEST_TIMEOUT_MS 20000

/* ---- the main loop ---- */

/* Runs the main loop until COND (DATA) holds or TIMEOUT_MS have passed;
 * returns whether it held. */
gboolean ui_test_iterate_until_for (gboolean (*cond) (gpointer),
                                    gpointer  data,
                                    guint     timeout_ms);
gboolean ui_test_iterate_until     (gboolean (*cond) (gpointer),
                                    gpointer  data);
/* Conditions for the above. */
gboolean ui_test_no_more_events    (gpointer data);
gboolean ui_test_is_true           (gpointer data);   /* *(gboolean *) data */
/* Runs the main loop for MS milliseconds whatever happens. */
void     ui_test_run_for_ms        (guint     ms);
/* Lets WIDGET's window lay itself out and draw one frame. */
void     ui_test_wait_for_paint    (GtkWidget *widget);
/* Pending events handled, then one frame drawn. */
void     ui_test_settle            (GtkWidget *widget);

/* ---- finding widgets ---- */

GtkWidget *ui_test_find_by_type      (GtkWidget  *root,
                                      GType       type);
/* By gtk_widget_get_name (the template's name or id). */
GtkWidget *ui_test_find_named        (GtkWidget  *root,
                                      const char *name);
/* The mapped label reading TEXT exactly. */
GtkWidget *ui_test_find_mapped_label (GtkWidget  *root,
                                      const char *text);
gboolean   ui_test_has_mapped_label  (GtkWidget  *root,
                                      const char *text);
/* Conditions: a mapped label under ROOT reads TEXT / none does. */
typedef struct {
  GtkWidget  *root;
  const char *text;
} UiTestLabel;
gboolean   ui_test_label_shown       (gpointer    label);   /* UiTestLabel */
gboolean   ui_test_label_gone        (gpointer    label);   /* UiTestLabel */
/* The texts of every mapped label under ROOT, in widget order (owned by
 * the labels). */
GPtrArray *ui_test_mapped_label_texts (GtkWidget *root);
/* The button whose own label reads LABEL as written, with its mnemonic
 * ("_Apply"), shown or not. */
GtkWidget *ui_test_find_button       (GtkWidget  *root,
                                      const char *label);
/* The mapped button whose label (or the label inside it) reads TEXT. */
GtkWidget *ui_test_find_mapped_button (GtkWidget *root,
                                       const char *text);
/* The first toplevel window of TYPE, or NULL. */
GtkWidget *ui_test_find_toplevel     (GType       type);
/* Conditions: a mapped toplevel of the GType in GSIZE_TO_POINTER (TYPE)
 * is shown / is not. */
gboolean   ui_test_toplevel_shown    (gpointer    type);
gboolean   ui_test_toplevel_gone     (gpointer    type);
/* Waits for a mapped toplevel of TYPE and returns it, laid out. */
GtkWidget *ui_test_wait_for_toplevel (GType       type);
/* The mapped button under ROOT whose action is ACTION ("win.save"). */
GtkWidget *ui_test_find_action_button (GtkWidget  *root,
                                       const char *action);
/* The mapped cell of column CSS_CLASS on the row of interface NAME (the
 * interface chooser's and Capture Options' lists). */
GtkWidget *ui_test_find_interface_cell (GtkWidget  *root,
                                        const char *css_class,
                                        const char *name);
/* Clicks BUTTON of the question (a GtkMessageDialog) now shown and waits
 * until it has gone. */
void       ui_test_answer_question   (const char *button);

/* ---- the application ---- */

/* A RemoraApplication registered without a session bus, non-unique. */
RemoraApplication *ui_test_start_application  (void);
/* Opens PATH the way the command line does and returns its window. */
RemoraWindow      *ui_test_open_in_application (RemoraApplication *app,
                                                const char        *path);
/* Destroys every window, drains the loop and drops APP. */
void               ui_test_stop_application   (RemoraApplication *app);
/* Condition: WINDOW (RemoraWindow *) has finished loading its capture. */
gboolean           ui_test_window_loaded      (gpointer           window);
/* ui_test_start_application for a test that clicks and types: without
 * xdotool it marks the test skipped and returns NULL. */
RemoraApplication *ui_test_start_application_for_input (void);
/* Activates APP as a start without files does and returns its window (the
 * start page), laid out. */
RemoraWindow      *ui_test_activate           (RemoraApplication *app);
/* Opens PATH, waits until it has loaded and the row of frame 1 is drawn,
 * and returns the window. */
RemoraWindow      *ui_test_open_and_wait      (RemoraApplication *app,
                                               const char        *path);
/* Ctrl+K, then in Capture Options lo chosen and Start, the capture run
 * by the helper program HELPER (REMORA_CAPTURE). */
void               ui_test_capture_on_lo      (const char        *helper);
/* Condition: WINDOW's live capture has ended (its document is no longer
 * live). */
gboolean           ui_test_capture_ended      (gpointer           window);
/* Condition: the live capture of WINDOW has ended with N_FRAMES frames. */
typedef struct {
  RemoraWindow *window;
  guint         n_frames;
} UiTestLiveDone;
gboolean           ui_test_live_capture_done  (gpointer           done); /* UiTestLiveDone */
/* The status line's text, "Packets: …" (or "Loading… N packets" while a
 * file loads), owned by its label; NULL when none is shown. */
const char        *ui_test_status_text        (RemoraWindow      *window);
/* The text of the window's banner (its info bar) while it is revealed:
 * its first mapped label, or NULL. */
const char        *ui_test_banner_text        (RemoraWindow      *window);
/* Condition: WINDOW (RemoraWindow *) shows a banner. */
gboolean           ui_test_banner_shown       (gpointer           window);

/* ---- the packet list ---- */

/* The texts of the row on screen whose No. cell reads NUMBER, one per
 * column, or NULL while no such row is drawn. */
GStrv      ui_test_find_row_texts  (GtkWidget  *column_view,
                                    const char *number);
/* The row widget on screen whose No. cell reads NUMBER, or NULL. */
GtkWidget *ui_test_find_packet_row (GtkWidget  *column_view,
                                    const char *number);
/* WINDOW's packet list, its GtkColumnView. */
GtkWidget *ui_test_packet_list     (RemoraWindow *window);
/* Condition: COLUMN_VIEW draws the row of frame 1. */
gboolean   ui_test_first_row_drawn (gpointer    column_view);
/* The first frame of the list whose Protocol cell is PROTOCOL and whose
 * Info starts with INFO, read from the list's rows; 0 when none. */
guint      ui_test_find_frame_by_text (GtkWidget  *column_view,
                                       const char *protocol,
                                       const char *info);
/* Turns the wheel over the list until the row of frame NUMBER is on
 * screen whole, and returns it (NULL when it never comes). */
GtkWidget *ui_test_scroll_to_packet_row (GtkWidget *column_view,
                                         guint      number);

/* Clicks the row of frame NUMBER, turning the wheel until it is on screen,
 * and waits until TREE shows that frame's lines. */
void       ui_test_select_frame    (GtkWidget       *column_view,
                                    RemoraProtoTree *tree,
                                    guint            number);

/* ---- the list models behind the views ---- */

/* Condition: MODEL holds N_ITEMS items. */
typedef struct {
  GListModel *model;
  guint       n_items;
} UiTestModelLength;
gboolean ui_test_model_length_is      (gpointer    length); /* UiTestModelLength */
/* An items-changed handler appending "POSITION-REMOVED+ADDED" to the
 * GString LOG, changes separated by ", ". */
void     ui_test_record_items_changed (GListModel *model,
                                       guint       position,
                                       guint       removed,
                                       guint       added,
                                       GString    *log);

/* ---- the protocol tree ---- */

/* One line of the tree as drawn: its expander, its row and its text. */
typedef struct {
  GtkWidget      *expander;
  GtkTreeListRow *row;
  const char     *label;
} UiTestTreeLine;
/* The tree's lines a person sees whole, top to bottom (UiTestTreeLine). */
GArray               *ui_test_tree_lines      (RemoraProtoTree *tree);
/* The first of LINES whose text starts with PREFIX, or NULL. */
const UiTestTreeLine *ui_test_find_tree_line  (GArray          *lines,
                                               const char      *prefix);
/* The expander arrow of a line's EXPANDER, or NULL on a leaf. */
GtkWidget            *ui_test_expander_arrow  (GtkWidget       *expander);
/* Condition: the tree shows frame NUMBER and has drawn its lines. */
typedef struct {
  RemoraProtoTree *tree;
  guint            number;
} UiTestTreeFrame;
gboolean ui_test_tree_shows_frame   (gpointer frame);   /* UiTestTreeFrame */
/* Conditions on the line starting with PREFIX: it is selected / on
 * screen whole / on screen and expanded. */
typedef struct {
  RemoraProtoTree *tree;
  const char      *prefix;
} UiTestTreeLineWanted;
gboolean ui_test_tree_selection_is  (gpointer wanted);  /* UiTestTreeLineWanted */
gboolean ui_test_tree_line_shown    (gpointer wanted);
gboolean ui_test_tree_line_expanded (gpointer wanted);
/* Turns the wheel over the tree (BUTTON "5" down, "4" up) until a line
 * starting with PREFIX is on screen; returns whether it came. */
gboolean ui_test_scroll_tree_to_line (RemoraProtoTree *tree,
                                      const char      *prefix,
                                      const char      *button);

/* ---- the display filter bar ---- */

/* Condition: BAR's entry reads TEXT. */
typedef struct {
  RemoraFilterBar *bar;
  const char      *text;
} UiTestBarText;
gboolean ui_test_bar_text_is       (gpointer text);     /* UiTestBarText */
/* Condition: BAR (RemoraFilterBar *) offers no field completion. */
gboolean ui_test_completion_hidden (gpointer bar);
/* Puts the keyboard in BAR's entry (a click and Ctrl+A when CLICK, else
 * Ctrl+/; either selects what is there), types TEXT over it and waits
 * until the entry reads TEXT with no completion offered; Enter is left to
 * the caller. */
void     ui_test_type_into_filter  (RemoraFilterBar *bar,
                                    const char      *text,
                                    gboolean         click);

/* ---- input through the X server ---- */

/* TRUE when xdotool and an X11 display are there; otherwise marks the
 * test skipped (saying why) and returns FALSE. */
gboolean ui_test_have_xdotool (void);
/* Condition: the keyboard focus is on WIDGET or inside it. */
gboolean ui_test_focus_inside (gpointer widget);
/* Runs xdotool with the NULL-terminated arguments; fails the test when
 * it fails. */
void     ui_test_xdotool      (const char *first_arg,
                               ...) G_GNUC_NULL_TERMINATED;
/* A press and release of BUTTON ("1" primary, "3" secondary, "5" wheel
 * down) at (X, Y) in WIDGET's coordinates. */
void     ui_test_button_at    (GtkWidget  *widget,
                               double      x,
                               double      y,
                               const char *button);
void     ui_test_click_at     (GtkWidget  *widget,
                               double      x,
                               double      y);
void     ui_test_click_center (GtkWidget  *widget);
/* BUTTON at WIDGET's centre: "3" a right click, "4"/"5" a turn of the
 * wheel up/down over it. */
void     ui_test_button_at_center (GtkWidget  *widget,
                                   const char *button);
/* xdotool key names: "Return", "ctrl+g", "Down". */
void     ui_test_press_key    (const char *key);
void     ui_test_type_text    (const char *text);

/* ---- pictures ---- */

/* Renders WIDGET's window as it is now into $REMORA_BUILD_ROOT/NAME and
 * fails unless the picture has more than one colour. */
void ui_test_save_screenshot (GtkWidget  *widget,
                              const char *name);

/* The log handler every ui test installs: Xvfb has no accessibility bus
 * or settings portal, and GTK says so on stderr; those lines are not
 * failures. */
void ui_test_ignore_environment_warnings (void);

G_END_DECLS

G_BEGIN_DECLS

/* ---- the header bar's main menu ---- */

/* Opens the main menu with a click, then its SUBMENU ("Analyze"), and
 * returns the label of the item reading ITEM ("Follow TCP Stream"), which
 * a click on its centre activates. */
GtkWidget *ui_test_open_main_menu    (RemoraWindow *window,
                                      const char   *submenu,
                                      const char   *item);
void       ui_test_close_main_menu   (RemoraWindow *window);
/* Whether the menu item that LABEL belongs to can be chosen. */
gboolean   ui_test_menu_item_sensitive (GtkWidget  *label);
/* Condition: WINDOW's main menu is closed. */
gboolean   ui_test_main_menu_closed  (gpointer      window);

G_END_DECLS
