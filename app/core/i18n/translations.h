#pragma once

class QCoreApplication;

namespace Workbench {

// Installs the translations compiled into the program (resources/translations/*.ts): the
// English one always, as it carries the plural forms ("%n error(s)" reads "1 error",
// "2 errors"), then the one of the system's language when there is one. The translators
// belong to the application and live as long as it does.
void installTranslations(QCoreApplication &app);

} // namespace Workbench
