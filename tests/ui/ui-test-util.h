/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "remora-application.h"
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
/* The texts of every mapped label under ROOT, in widget order (owned by
 * the labels). */
GPtrArray *ui_test_mapped_label_texts (GtkWidget *root);
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

/* ---- the packet list ---- */

/* The texts of the row on screen whose No. cell reads NUMBER, one per
 * column, or NULL while no such row is drawn. */
GStrv      ui_test_find_row_texts  (GtkWidget  *column_view,
                                    const char *number);
/* The row widget on screen whose No. cell reads NUMBER, or NULL. */
GtkWidget *ui_test_find_packet_row (GtkWidget  *column_view,
                                    const char *number);

/* ---- input through the X server ---- */

/* TRUE when xdotool and an X11 display are there; otherwise marks the
 * test skipped (saying why) and returns FALSE. */
gboolean ui_test_have_xdotool (void);
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
