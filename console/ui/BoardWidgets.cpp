#include "ui/BoardWidgets.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>

namespace caredesk::console {

QTableView *makeBoardTable(QWidget *parent, const QString &objectName) {
    auto *table = new QTableView(parent);
    table->setObjectName(objectName);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->setShowGrid(false);
    table->setTabKeyNavigation(false); // Tab leaves the table, arrows move within it
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 10);
    table->horizontalHeader()->setHighlightSections(false);
    table->setContextMenuPolicy(Qt::ActionsContextMenu);
    return table;
}

QLabel *makeBoardHeading(const QString &text, QWidget *parent) {
    auto *heading = new QLabel(text, parent);
    QFont font = heading->font();
    font.setWeight(QFont::DemiBold);
    heading->setFont(font);
    return heading;
}

} // namespace caredesk::console
