#pragma once

#include <QWidget>
#include <functional>
#include <optional>

class QCheckBox;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace caredesk::console {

class CaregiverTableModel;
struct CaregiverAccountRow;

// The People tab of the Caregivers window: every account with its roles,
// status, open invitation and last sign-in; deactivated accounts on request.
// Its buttons ask (New, Edit) or confirm (Deactivate, Reactivate, Reset
// access) and then say what is wanted through signals.
class CaregiverPeoplePage : public QWidget {
    Q_OBJECT

public:
    // Asked before a change that cannot be taken back quietly; true: go ahead.
    using Question = std::function<bool(const QString &title, const QString &text)>;

    explicit CaregiverPeoplePage(CaregiverTableModel &model, QWidget *parent = nullptr);

    void setQuestion(Question question) { m_question = std::move(question); }
    // Signed in as this caregiver: their own account cannot be deactivated or
    // reset from here (the server refuses too).
    void setOwnId(qint64 id);
    void showStatus(const QString &text, bool error = false);
    QString statusText() const;

    std::optional<CaregiverAccountRow> selected() const;
    bool selectAccount(qint64 id);

    QTableView *table() const { return m_table; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QCheckBox *showDeactivatedBox() const { return m_showDeactivated; }
    QPushButton *newButton() const { return m_new; }
    QPushButton *editButton() const { return m_edit; }
    QPushButton *activeButton() const { return m_active; }
    QPushButton *resetButton() const { return m_reset; }

signals:
    void newRequested();
    void editRequested(qint64 id);
    void activeChangeRequested(qint64 id, bool active);
    void accessResetRequested(qint64 id);

private:
    void updateButtons();
    void updateFilter();
    void toggleActive();
    void resetAccess();

    CaregiverTableModel &m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_table;
    QCheckBox *m_showDeactivated;
    QPushButton *m_new;
    QPushButton *m_edit;
    QPushButton *m_active;
    QPushButton *m_reset;
    QLabel *m_status;
    qint64 m_ownId = 0;
    Question m_question;
};

} // namespace caredesk::console
