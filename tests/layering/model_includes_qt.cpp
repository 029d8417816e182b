// Must NOT compile: evflow_model's include path carries no Qt (see tests/CMakeLists.txt).
#include "model/Flow.h"
#include <QString>
int main()
{
    return QString().size();
}
