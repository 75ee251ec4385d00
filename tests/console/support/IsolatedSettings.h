#pragma once

#include <QSettings>
#include <QTemporaryDir>

namespace caredesk::console::test {

// Points QSettings at an empty temporary folder for the life of this object,
// so tests neither read nor change a real person's console settings.
class IsolatedSettings {
public:
    IsolatedSettings() {
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_folder.path());
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_folder.path());
        QSettings().clear();
    }
    IsolatedSettings(const IsolatedSettings &) = delete;
    IsolatedSettings &operator=(const IsolatedSettings &) = delete;

    bool isValid() const { return m_folder.isValid(); }
    QString path() const { return m_folder.path(); }
    void clear() { QSettings().clear(); }

private:
    QTemporaryDir m_folder;
};

} // namespace caredesk::console::test
