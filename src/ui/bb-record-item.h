/* bb-record-item.h: a station record as an item of a list model, with the words lists show and search */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "bb-records.h"

G_BEGIN_DECLS

#define BB_TYPE_RECORD_ITEM (bb_record_item_get_type ())
G_DECLARE_FINAL_TYPE (BbRecordItem, bb_record_item, BB, RECORD_ITEM, GObject)

/* Takes @record, a record of @type. */
BbRecordItem       *bb_record_item_new          (const BbRecordType *type,
                                                 gpointer            record,
                                                 const char         *title,
                                                 const char         *subtitle);
const BbRecordType *bb_record_item_get_record_type (BbRecordItem    *self);
gpointer            bb_record_item_get_record   (BbRecordItem       *self);
const char         *bb_record_item_get_id       (BbRecordItem       *self);
const char         *bb_record_item_get_title    (BbRecordItem       *self);
const char         *bb_record_item_get_subtitle (BbRecordItem       *self);
/* Personal data (a person's contacts): marked in lists, kept out of
 * public documents. */
gboolean            bb_record_item_get_personal (BbRecordItem       *self);
void                bb_record_item_set_personal (BbRecordItem       *self,
                                                 gboolean            personal);
/* More words that search finds the item by (phone, e-mail, district, …). */
void                bb_record_item_set_search_text (BbRecordItem    *self,
                                                    const char      *text);
/* Whether every word of @words (folded) is found in the item's words. */
gboolean            bb_record_item_matches      (BbRecordItem       *self,
                                                 const char         *words);

G_END_DECLS
