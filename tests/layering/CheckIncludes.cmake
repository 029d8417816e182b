# Fails when a header that belongs to one layer is included outside it:
#  - zmq.hpp / zmq.h only in transport/ (plus bench/ and tests/transport/, which test it);
#  - Qt headers never in model/ or transport/;
#  - QtCharts only in ui/charts/.
file(GLOB_RECURSE sources RELATIVE ${ROOT}
     ${ROOT}/model/*.h ${ROOT}/model/*.cpp ${ROOT}/transport/*.h ${ROOT}/transport/*.cpp
     ${ROOT}/ui/*.h ${ROOT}/ui/*.cpp ${ROOT}/app/*.h ${ROOT}/app/*.cpp)
set(bad "")
foreach(f ${sources})
    file(STRINGS ${ROOT}/${f} lines REGEX "^[ \t]*#[ \t]*include")
    foreach(line ${lines})
        if(line MATCHES "[<\"]zmq(\\.hpp|\\.h|_addon\\.hpp)[>\"]" AND NOT f MATCHES "^transport/")
            list(APPEND bad "${f}: ${line} (ZeroMQ belongs to transport/)")
        endif()
        if(line MATCHES "[<\"]Q[A-Za-z]+" AND f MATCHES "^(model|transport)/")
            list(APPEND bad "${f}: ${line} (no Qt below ui/)")
        endif()
        if(line MATCHES "QtCharts|QChart|QLineSeries|QValueAxis" AND NOT f MATCHES "^ui/charts/")
            list(APPEND bad "${f}: ${line} (Qt Charts only in ui/charts/)")
        endif()
    endforeach()
endforeach()
if(bad)
    list(JOIN bad "\n" text)
    message(FATAL_ERROR "layer rule broken:\n${text}")
endif()
list(LENGTH sources checked)
message(STATUS "layer includes ok (${checked} files checked)")
