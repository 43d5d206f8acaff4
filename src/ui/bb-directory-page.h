/* bb-directory-page.h: the Directory page: districts, officers, partners and advisory groups */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bb-filter-state.h"
#include "bb-store.h"

G_BEGIN_DECLS

#define BB_TYPE_DIRECTORY_PAGE (bb_directory_page_get_type ())
G_DECLARE_FINAL_TYPE (BbDirectoryPage, bb_directory_page, BB, DIRECTORY_PAGE, AdwBin)

/* The lists of the page. */
typedef enum {
  BB_DIRECTORY_DISTRICTS,
  BB_DIRECTORY_OFFICERS,
  BB_DIRECTORY_PARTNERS,
  BB_DIRECTORY_MEMBERS,     /* advisory-group members */
  BB_DIRECTORY_N_LISTS,
} BbDirectoryList;

BbStore       *bb_directory_page_get_store       (BbDirectoryPage *self);
void           bb_directory_page_set_store       (BbDirectoryPage *self,
                                                  BbStore         *store);
AdwStatusPage *bb_directory_page_get_status_page (BbDirectoryPage *self);
/* The window's shared filter: at headquarters, the stations whose
 * districts, officers, partners and members show. */
void           bb_directory_page_set_filter      (BbDirectoryPage *self,
                                                  BbFilterState   *filter);
gboolean       bb_directory_page_is_loading      (BbDirectoryPage *self);
/* Shows one list; searching goes through all of them. */
void           bb_directory_page_show_list       (BbDirectoryPage *self,
                                                  BbDirectoryList  list);
void           bb_directory_page_set_search      (BbDirectoryPage *self,
                                                  const char      *words);
/* Records of a list that the search lets through. */
guint          bb_directory_page_get_n_shown     (BbDirectoryPage *self,
                                                  BbDirectoryList  list);
/* The title of the @index-th record shown in a list, and whether it is
 * marked as personal data. */
const char    *bb_directory_page_get_shown_title (BbDirectoryPage *self,
                                                  BbDirectoryList  list,
                                                  guint            index,
                                                  gboolean        *personal);
/* Opens the @index-th record shown: a district's page, or the editor of
 * the others (returned). */
GtkWindow     *bb_directory_page_open            (BbDirectoryPage *self,
                                                  BbDirectoryList  list,
                                                  guint            index);
/* The editor of a new record of the list. */
GtkWindow     *bb_directory_page_add             (BbDirectoryPage *self,
                                                  BbDirectoryList  list);
/* The district whose page is shown, or NULL for the lists. */
const char    *bb_directory_page_get_district_shown (BbDirectoryPage *self);
gboolean       bb_directory_page_district_is_loading (BbDirectoryPage *self);

G_END_DECLS
