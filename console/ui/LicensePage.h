#pragma once

#include <QWidget>
#include <functional>
#include <optional>

class QLabel;
class QListWidget;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace caredesk::console {

class LicenseTableModel;
struct LicenseRow;

// The Licenses tab of the Caregivers window: every provider's state licenses,
// those lapsing soon highlighted and counted, and the active providers who hold
// no license in force (no patient can be routed to them). Add and Edit open
// the license form; Verify and Reject review the selected license at once.
class LicensePage : public QWidget {
    Q_OBJECT

public:
    // Asks for the reason of a rejection; nullopt: cancelled.
    using NoteQuestion = std::function<std::optional<QString>(const QString &prompt)>;

    explicit LicensePage(LicenseTableModel &model, QWidget *parent = nullptr);

    void setNoteQuestion(NoteQuestion question) { m_noteQuestion = std::move(question); }
    void showStatus(const QString &text, bool error = false);
    QString statusText() const;
    QString lapsingText() const;
    QStringList providersWithoutLicense() const;

    std::optional<LicenseRow> selected() const;
    bool selectLicense(qint64 id);

    QTableView *table() const { return m_table; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *editButton() const { return m_edit; }
    QPushButton *verifyButton() const { return m_verify; }
    QPushButton *rejectButton() const { return m_reject; }

signals:
    void addRequested();
    void editRequested(qint64 id);
    // The selected license with its status changed (note: the rejection's reason).
    void reviewRequested(qint64 id, const QString &status, const QString &note);
    // The lapsing count changed (for the tab's title).
    void lapsingCountChanged(int count);

private:
    void updateButtons();
    void updateSummary();

    LicenseTableModel &m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_table;
    QPushButton *m_add;
    QPushButton *m_edit;
    QPushButton *m_verify;
    QPushButton *m_reject;
    QLabel *m_lapsing;
    QLabel *m_withoutHeading;
    QListWidget *m_without;
    QLabel *m_status;
    NoteQuestion m_noteQuestion;
};

} // namespace caredesk::console
