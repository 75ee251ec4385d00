#pragma once

#include "state/AuditRow.h"

#include <QDialog>
#include <QList>
#include <functional>

class QCheckBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace caredesk::console {

class AuditTableModel;

// The audit trail for admins: who did what to which subject, when and from
// where, newest first, narrowed by person, action (a prefix such as "chat."),
// subject and time. Older events load on request; Export writes every event
// the filter matches to a CSV file. Right-click a row to see only that
// person's or that subject's events.
class AuditLogView : public QDialog {
    Q_OBJECT

public:
    explicit AuditLogView(QWidget *parent = nullptr);

    AuditFilter filter() const;
    void setFilter(const caredesk::console::AuditFilter &filter);
    // Asks for the newest events of the filter now.
    void search();
    // Where Export writes, asked of the person unless replaced (tests).
    void setExportPathQuestion(std::function<QString()> question);

    QTableView *table() const { return m_table; }
    AuditTableModel &model() const { return *m_model; }
    QString statusText() const;

    void showPage(const QList<caredesk::console::AuditRow> &rows, bool append, bool more);
    void showFailed(const QString &code, const QString &message);
    // Every event of the filter, for the export asked for.
    void exportRows(const QList<caredesk::console::AuditRow> &rows);

signals:
    void listRequested(const caredesk::console::AuditFilter &filter);
    void olderRequested();
    void exportRequested();

private:
    void askExport();
    void showContextMenu(const QPoint &position);

    AuditTableModel *m_model;
    QLineEdit *m_action;
    QLineEdit *m_subjectType;
    QLineEdit *m_subjectId;
    QLineEdit *m_actor;
    QCheckBox *m_useFrom;
    QDateTimeEdit *m_from;
    QCheckBox *m_useTo;
    QDateTimeEdit *m_to;
    QPushButton *m_search;
    QTableView *m_table;
    QPushButton *m_older;
    QPushButton *m_export;
    QLabel *m_status;
    QString m_exportPath;
    std::function<QString()> m_exportPathQuestion;
};

} // namespace caredesk::console
