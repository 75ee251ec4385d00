#pragma once

#include "state/ProviderChoice.h"

#include <QDialog>
#include <QList>
#include <optional>

class QLabel;
class QListWidget;
class QPushButton;

namespace caredesk::console {

// Picks the provider to hand a visit to, from the server's provider list:
// only those available, free and licensed in the patient's state can be
// chosen; the others stay listed, greyed, with the reason. The server checks
// again when the assignment runs (availability can change meanwhile).
class ProviderPickerDialog : public QDialog {
    Q_OBJECT

public:
    ProviderPickerDialog(const QString &patientName, const QString &stateCode,
                         const QString &stateName, QWidget *parent = nullptr);

    // The list arrived (or arrived again): shown, eligible ones first.
    void setProviders(const QList<ProviderChoice> &providers);
    // The list could not be loaded.
    void showListFailed(const QString &message);

    // The provider picked, if an eligible one is.
    std::optional<qint64> providerId() const;
    // Picks this provider, if listed and eligible; false otherwise.
    bool selectProvider(qint64 id);
    QListWidget *providerList() const { return m_list; }
    QString summaryText() const;

    // Why this provider cannot take a visit in this state ("not licensed in
    // TX", "unavailable", "in a visit"); empty when they can.
    static QString whyNot(const ProviderChoice &provider, const QString &stateCode);
    // "Dr. Mei Chen — available · licensed in AZ, TX"
    static QString describe(const ProviderChoice &provider, const QString &stateCode);

private:
    void updateButtons();

    QString m_stateCode;
    QListWidget *m_list;
    QLabel *m_summary;
    QPushButton *m_assign;
};

} // namespace caredesk::console
