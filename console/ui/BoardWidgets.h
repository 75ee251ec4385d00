#pragma once

#include <QString>

class QLabel;
class QTableView;
class QWidget;

namespace caredesk::console {

// The pieces the boards (queues, coverage) are built of, made alike.

// A read-only table of rows, one selected at a time, actions in its context
// menu; Tab leaves it and arrows move within it.
QTableView *makeBoardTable(QWidget *parent, const QString &objectName);
// A section's heading: the font a little bolder.
QLabel *makeBoardHeading(const QString &text, QWidget *parent);

} // namespace caredesk::console
