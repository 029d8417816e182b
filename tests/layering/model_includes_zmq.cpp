// Must NOT build: evflow_model does not link libzmq, so a model-only target that calls into
// ZeroMQ fails at link time (the header itself is on the system path, which is why
// CheckIncludes.cmake also greps for it). See tests/CMakeLists.txt.
#include "model/Flow.h"
#include <zmq.h>
int main()
{
    int major = 0, minor = 0, patch = 0;
    zmq_version(&major, &minor, &patch);
    return major;
}
