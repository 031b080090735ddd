/** Spring Boot 4 flavours of the starter's Actuator contributions, loaded only when Boot 4's classes are present. */
package dev.godwit.spring.boot4;
