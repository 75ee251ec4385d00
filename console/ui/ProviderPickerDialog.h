#pragma once

#include "state/ProviderChoice.h"

#include <QDialog>
#include <QList>
#include <optional>

class QComboBox;
class QLabel;
class QPushButton;

namespace caredesk::console {

// Picks the provider to hand a visit to: one of the providers the console
// knows by name, or any caregiver number typed in. The server decides whether
// that provider may take the visit (role, availability, license for the
// patient's state), so this only makes sure the choice names somebody.
class ProviderPickerDialog : public QDialog {
    Q_OBJECT

public:
    ProviderPickerDialog(const QString &patientName, const QString &stateName,
                         const QList<ProviderChoice> &providers, QWidget *parent = nullptr);

    // The provider named by what is typed or picked, if any.
    std::optional<qint64> providerId() const;
    void setText(const QString &text);

    // "Dr. Mei Chen (dr.chen) · #4"
    static QString describe(const ProviderChoice &provider);
    // A number ("4", "#4"), a listed entry, a display name or a username.
    static std::optional<qint64> resolve(const QString &text,
                                         const QList<ProviderChoice> &providers);

private:
    void validate();

    QList<ProviderChoice> m_providers;
    QComboBox *m_provider;
    QLabel *m_resolved;
    QPushButton *m_assign;
};

} // namespace caredesk::console
