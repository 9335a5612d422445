/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "remora-packet.h"

G_BEGIN_DECLS

/* The packet list's colouring rules: Wireshark 4.0's defaults, each a
 * display filter with a foreground and a background colour.  The first
 * rule whose filter matches a packet colours its row.
 *
 * Compiled once; match a packet dissected in fields mode with (at least)
 * remora_coloring_rules_get_wanted () recorded, typically the very
 * dissection that fills the packet's columns.  A compiled rule set keeps
 * the filters' scratch space: one thread at a time. */
typedef struct _RemoraColoringRules RemoraColoringRules;

/* 16 bits per channel, as Wireshark's colorfilters file has them. */
typedef struct {
  guint16 red;
  guint16 green;
  guint16 blue;
} RemoraRgb;

/* Wireshark 4.0's default rules, in order.  A rule whose fields Remora
 * does not dissect is rewritten as if those fields were absent from
 * every packet (which they are), and dropped when that leaves nothing
 * that can match; see the .c file. */
RemoraColoringRules *remora_coloring_rules_new_default  (void);
void                 remora_coloring_rules_free         (RemoraColoringRules       *rules);

/* Every rule of the set, those dropped included, so an index names the
 * same rule in every instance. */
guint                remora_coloring_rules_get_n_rules  (const RemoraColoringRules *rules);
const char          *remora_coloring_rules_get_name     (const RemoraColoringRules *rules,
                                                         guint                      index);
/* The filter as Wireshark writes it. */
const char          *remora_coloring_rules_get_filter   (const RemoraColoringRules *rules,
                                                         guint                      index);
/* The filter that runs here (after dropping absent fields); NULL when the
 * rule can never match in Remora. */
const char          *remora_coloring_rules_get_effective_filter (const RemoraColoringRules *rules,
                                                                 guint                      index);
void                 remora_coloring_rules_get_colors   (const RemoraColoringRules *rules,
                                                         guint                      index,
                                                         RemoraRgb                 *foreground,
                                                         RemoraRgb                 *background);
/* The index of the rule called NAME, or -1. */
int                  remora_coloring_rules_lookup       (const RemoraColoringRules *rules,
                                                         const char                *name);
/* remora_field_count () bytes: the fields the rules read. */
const guint8        *remora_coloring_rules_get_wanted   (const RemoraColoringRules *rules);
/* The index of the first rule PKT matches, or -1. */
int                  remora_coloring_rules_match        (RemoraColoringRules       *rules,
                                                         const RemoraPacket        *pkt);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemoraColoringRules, remora_coloring_rules_free)

G_END_DECLS
