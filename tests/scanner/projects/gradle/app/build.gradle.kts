plugins {
    alias(libs.plugins.kotlin.jvm)
    application
}

val exposedVersion = "0.45.0"

dependencies {
    implementation(libs.ktor.server.core)
    implementation(libs.ktor.server.netty)
    implementation("org.jetbrains.exposed:exposed-core:$exposedVersion")
    implementation(platform("software.amazon.awssdk:bom:2.21.42"))
    implementation(kotlin("stdlib"))
    runtimeOnly(libs.logback)
    implementation(project(":shared"))
    testImplementation(libs.bundles.kotest)
    /* testImplementation("junit:junit:4.13.2") was replaced by kotest */
}
