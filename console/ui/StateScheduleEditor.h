#pragma once

#include "protocol/StateSettingsMessages.h"
#include "state/ScheduleCheck.h"

#include <QWidget>
#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace caredesk::console {

// The form of one state's settings: whether it is offered, its time zone,
// weekly hours (one row a weekday, openings typed as "08:00–20:00, 22:00–02:00",
// overnight ranges allowed), holidays, special days, the queue cap and the
// busy limit. It turns a schedule into widgets and back, unchanged, and puts
// problems (its own reading, or the server's out_of_range with a field path)
// next to the field they are about.
class StateScheduleEditor : public QWidget {
    Q_OBJECT

public:
    explicit StateScheduleEditor(QWidget *parent = nullptr);

    // Shows this state's schedule; the zones offered are the state's own.
    void load(const protocol::StateSettings &settings);
    // The schedule as edited, or the problems that keep it from being one.
    struct Reading {
        std::optional<protocol::StateSchedule> schedule;
        std::vector<FieldProblem> problems;
    };
    Reading read() const;
    // read() plus the server's rules on the whole schedule (checkSchedule).
    Reading check() const;

    void setEditable(bool editable);
    bool isEditable() const { return m_editable; }

    // Marks the fields named (paths as in update_state_settings, with or
    // without "body.") and moves the focus to the first. Returns false when
    // none of them is a field of this form.
    bool showProblems(const std::vector<FieldProblem> &problems);
    void clearProblems();
    // The widget a field path stands for (a table for its rows), or null.
    QWidget *widgetFor(const QString &field) const;
    // Whether the table cell at row, column of a table carries a problem mark.
    bool isMarked(const QWidget *table, int row, int column) const;

    QTableWidget *weeklyTable() const { return m_weekly; }
    QTableWidget *closureTable() const { return m_closures; }
    QTableWidget *specialTable() const { return m_special; }

signals:
    // Any change made by the person (not by load()).
    void edited();

private:
    struct CellRef {
        QTableWidget *table = nullptr;
        int row = -1;
        int column = -1;
    };
    CellRef cellFor(const QString &field) const;
    void addClosure();
    void addSpecialDay();
    void removeSelectedRows(QTableWidget *table);
    void appendClosure(const protocol::StateClosure &closure);
    void appendSpecialDay(const protocol::SpecialHours &day);
    void markWidget(QWidget *widget, const QString &message);
    QDate nextFreeDate(const QTableWidget *table) const;

    bool m_editable = true;
    bool m_loading = false;
    std::vector<std::string> m_zones;
    QCheckBox *m_enabled;
    QComboBox *m_timeZone;
    QTableWidget *m_weekly;
    QTableWidget *m_closures;
    QTableWidget *m_special;
    QPushButton *m_addClosure;
    QPushButton *m_removeClosure;
    QPushButton *m_addSpecial;
    QPushButton *m_removeSpecial;
    QSpinBox *m_queueCap;
    QSpinBox *m_busyMax;
    QList<QWidget *> m_markedWidgets;
};

} // namespace caredesk::console
